package io.streamsim.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioInputTest {

    @TempDir
    Path dir;

    @Test
    void read_binaryScenarioFile_saysNotUtf8TextWithTheFileAndOffset() throws Exception {
        Path file = dir.resolve("demo.yaml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xFF, (byte) 0xFE, '\n'});
        StringWriter err = new StringWriter();

        ScenarioInput input = ScenarioInput.read(file, null, new PrintWriter(err));

        assertThat(input).isNull();
        assertThat(err.toString().trim()).startsWith(file + ":1: not UTF-8 text: byte 0xFF at offset 6")
                .doesNotContain("Input length");
    }
}
