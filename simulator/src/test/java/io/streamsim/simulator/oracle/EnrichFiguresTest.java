package io.streamsim.simulator.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnrichFiguresTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void footprint_laterVersionOfAKey_replacesTheEarlierAndTheLargestPartitionIsNamed() {
        EnrichFigures.FootprintBuilder b = new EnrichFigures.FootprintBuilder(2);
        b.accept(0, bytes("s1"), bytes("0123456789"));
        b.accept(1, bytes("s2"), bytes("01234"));
        b.accept(1, bytes("s3"), bytes("01234"));
        b.accept(0, bytes("s1"), bytes("0123"));

        EnrichFigures.Footprint f = b.build();

        assertThat(f.rows()).isEqualTo(3);
        assertThat(f.bytes()).isEqualTo(6 + 7 + 7);
        assertThat(f.largestPartitionRows()).isEqualTo(2);
        assertThat(f.largestPartitionBytes()).isEqualTo(14);
    }
}
