package io.streamsim.model.scenario;

import io.streamsim.model.EventType;
import io.streamsim.model.answer.FigureCatalog;
import io.streamsim.model.answer.TalkingPoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a scenario file into a validated {@link Scenario}. Unknown keys, missing or mistyped values and
 * broken rules are all collected and thrown together as one {@link ScenarioException}, each with its YAML
 * path and line. Each section has its own reader ({@code EventsReader}, {@code RateReader}, ...
 * {@code ExpectReader}); what a file leaves out is a constant on the spec record it belongs to
 * ({@link TopicsSpec#DEFAULT}, {@link TopologySpec#DEFAULT_GRACE}, {@link DisorderSpec#NONE}, ...), and
 * {@code duration} is {@link RatePhase#total} of the rate phases.
 */
public final class ScenarioLoader {

    private ScenarioLoader() {
    }

    /** Loads {@code file}, whose {@code name:} must equal its file name without {@code .yaml}/{@code .yml}. */
    public static Scenario load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * As {@link #load(Path)}, and every talking point's figures checked against {@code figures} (null: not checked),
     * reported with the rest.
     */
    public static Scenario load(Path file, FigureCatalog figures) throws IOException {
        String text = utf8Text(Files.readAllBytes(file), file.toString());
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return parse(text, file.toString(), stem, figures);
    }

    /**
     * {@code bytes} as UTF-8 text. Bytes that are not UTF-8 (a binary file, or text saved in another encoding)
     * are one violation naming the first bad byte's offset and line, rather than the decoder's
     * "Input length = 1"; so is a NUL byte, which YAML never allows and which marks a binary file.
     */
    static String utf8Text(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        int bad = result.isError() ? in.position() : nulAt(bytes);
        if (bad >= 0) {
            String what = bytes[bad] == 0 ? "a NUL byte" : String.format("byte 0x%02X", bytes[bad] & 0xFF);
            throw new ScenarioException(List.of(new Violation(source, lineAt(bytes, bad), "",
                    "not UTF-8 text: " + what + " at offset " + bad + " (is it a binary file, or saved in another"
                            + " encoding?)")));
        }
        return out.flip().toString();
    }

    private static int nulAt(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Parses scenario YAML. {@code expectedName}, when not null, is what {@code name:} must say.
     *
     * @throws ScenarioException listing every violation
     */
    public static Scenario parse(String yaml, String source, String expectedName) {
        return parse(yaml, source, expectedName, null);
    }

    /** As {@link #parse(String, String, String)}, with the talking points' figures checked against {@code figures}. */
    public static Scenario parse(String yaml, String source, String expectedName, FigureCatalog figures) {
        YamlTree tree = new YamlTree(source);
        Node root = compose(yaml, source);
        Scenario scenario = scenario(tree, root, expectedName, figures);
        if (!tree.violations().isEmpty() || scenario == null) {
            List<Violation> sorted = new ArrayList<>(tree.violations());
            sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
            throw new ScenarioException(sorted);
        }
        return scenario;
    }

    /**
     * {@code yaml}'s node tree, with the lines of its nodes; an empty text or one that is not YAML is one violation
     * naming the line where the parser stopped. Shared with the other files read the same way (sweep files).
     */
    public static Node compose(String yaml, String source) {
        try {
            Optional<Node> composed = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(yaml);
            if (composed.isEmpty()) {
                throw new ScenarioException(List.of(new Violation(source, 0, "", "the file is empty")));
            }
            return composed.get();
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ScenarioException(List.of(new Violation(source, line, "", "not valid YAML: " + e.getProblem())));
        } catch (YamlEngineException e) {
            throw new ScenarioException(List.of(new Violation(source, 0, "", "not valid YAML: " + e.getMessage())));
        }
    }

    /** The 1-based line of a node of a {@link #compose}d tree (0 when unknown), as every violation names it. */
    public static int line(Node node) {
        return YamlTree.line(node);
    }

    /** The top level: its own few values, and each section by its reader, in file-reading order. */
    private static Scenario scenario(YamlTree tree, Node root, String expectedName, FigureCatalog figures) {
        YamlTree.Fields f = tree.mapping(root, "");
        if (f == null) {
            return null;
        }
        String name = f.string("name", true);
        if (name != null && expectedName != null && !name.equals(expectedName)) {
            tree.violation(f.get("name", true), "name",
                    "must equal the file name '" + expectedName + "', was '" + name + "'");
        }
        String prompt = Objects.requireNonNullElse(f.string("prompt", false), Scenario.DEFAULT_PROMPT);
        Long seed = f.integer("seed", true);
        Duration duration = f.duration("duration", false);
        EventsSpec events = f.section("events", EventsReader::read);
        List<RatePhase> rate = RateReader.read(tree, f.get("rate", true), "rate");
        DisorderSpec disorder = f.section("disorder", DisorderReader::read, DisorderSpec.NONE);
        DirtSpec dirt = f.section("dirt", DirtReader::read, DirtSpec.NONE);
        EventType eventType = events == null ? null : events.type();
        ReferenceSpec reference = f.section("reference", ReferenceReader::read, ReferenceSpec.NONE);
        boolean hasReference = reference == null || reference.table();
        TopologySpec topology = f.section("topology", t -> TopologyReader.read(t, eventType, hasReference));
        TopicsSpec topics = f.section("topics", TopicsReader::read, TopicsSpec.DEFAULT);
        AppSpec app = f.section("app", AppReader::read, AppSpec.DEFAULT);
        ProducerSpec producer = f.section("producer", ProducerReader::read, ProducerSpec.DEFAULT);
        List<TalkingPoint> talkingPoints = TalkingPointsReader.read(tree, f.get("talkingPoints", false), "talkingPoints",
                figures);
        List<Fault> faults = FaultsReader.read(tree, f.get("faults", false), "faults");
        ExpectSpec expect = f.section("expect", ExpectReader::read, ExpectSpec.NONE);
        f.finish();
        if (duration == null && rate != null) {
            duration = RatePhase.total(rate);
        }
        if (name == null || seed == null || duration == null || events == null || rate == null || disorder == null
                || dirt == null || topology == null || topics == null || app == null || producer == null
                || talkingPoints == null || faults == null || expect == null || reference == null) {
            return null;
        }
        Duration d = duration;
        return f.build(() -> new Scenario(name, prompt, seed, d, events, rate, disorder, dirt, topology, topics, app,
                producer, talkingPoints, faults, expect, reference));
    }
}
