package io.streamsim.simulator.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {

    @TempDir
    Path dir;

    @Test
    void field_plain_isLeftAlone() {
        assertThat(CsvWriter.field("seller-00042")).isEqualTo("seller-00042");
    }

    @Test
    void field_withComma_isQuoted() {
        assertThat(CsvWriter.field("kill app-instance-1, poison burst")).isEqualTo("\"kill app-instance-1, poison burst\"");
    }

    @Test
    void field_withQuote_isQuotedWithTheQuoteDoubled() {
        assertThat(CsvWriter.field("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
        assertThat(CsvWriter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }

    @Test
    void field_withLineBreak_isQuoted() {
        assertThat(CsvWriter.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(CsvWriter.field("line\r\nbreak")).isEqualTo("\"line\r\nbreak\"");
        assertThat(CsvWriter.field("carriage\rreturn")).isEqualTo("\"carriage\rreturn\"");
    }

    @Test
    void field_emptyOrNull_isNothing() {
        assertThat(CsvWriter.field("")).isEmpty();
        assertThat(CsvWriter.field(null)).isEmpty();
    }

    @Test
    void row_mixedFields_areJoinedByCommasAndEndInALineFeed() throws Exception {
        Path file = dir.resolve("nested/out.csv");

        try (CsvWriter csv = CsvWriter.create(file)) {
            csv.row("kind", "key", "note");
            csv.row("MISSING", "a,b", null);
            csv.row("", "multi\nline", "q\"");
        }

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(
                "kind,key,note\nMISSING,\"a,b\",\n,\"multi\nline\",\"q\"\"\"\n");
    }
}
