package org.mburoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mburoja.Mburoja;

/** {@code mburoja hunt} in-process: where the rule cache is kept, and that the matches do not depend on it. */
class HuntCommandTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final StandardStreams streams = new StandardStreams();
    private final ByteArrayOutputStream out = streams.out;
    private final ByteArrayOutputStream err = streams.err;
    private String oldProperty;

    @BeforeEach
    void rules() throws Exception {
        oldProperty = System.getProperty(HuntCommand.RULE_CACHE_PROPERTY);
        System.clearProperty(HuntCommand.RULE_CACHE_PROPERTY);
        Files.writeString(tmp.resolve("rule.yml"), """
                title: Encoded PowerShell
                id: 11111111-2222-3333-4444-555555555555
                level: high
                logsource:
                    product: windows
                detection:
                    selection:
                        CommandLine|contains: ' -enc '
                    condition: selection
                """);
        Files.writeString(tmp.resolve("events.jsonl"), """
                {"CommandLine": "powershell -enc SQBFAFgA"}
                {"CommandLine": "notepad.exe"}
                """);
    }

    @AfterEach
    void restore() {
        if (oldProperty == null) {
            System.clearProperty(HuntCommand.RULE_CACHE_PROPERTY);
        } else {
            System.setProperty(HuntCommand.RULE_CACHE_PROPERTY, oldProperty);
        }
    }

    private String hunt(String... extra) {
        out.reset();
        String[] args = new String[7 + extra.length];
        System.arraycopy(new String[] {"hunt", "--rules", tmp.resolve("rule.yml").toString(), "--events",
                tmp.resolve("events.jsonl").toString(), "--output", "jsonl"}, 0, args, 0, 7);
        System.arraycopy(extra, 0, args, 7, extra.length);
        int code = Mburoja.commandLine().execute(args);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheRuleCacheWhereTheOptionOrTheLauncherSaysAndMatchesTheSame() {
        String plain = hunt();
        assertThat(plain).contains("Encoded PowerShell").hasLineCount(1);

        Path option = tmp.resolve("option/parsed.bin");
        assertThat(hunt("--rule-cache", option.toString())).isEqualTo(plain);
        assertThat(option).isNotEmptyFile();
        assertThat(hunt("--rule-cache", option.toString())).isEqualTo(plain); // from the cache

        Path launcher = tmp.resolve("launcher/parsed.bin");
        System.setProperty(HuntCommand.RULE_CACHE_PROPERTY, launcher.toString());
        assertThat(hunt("--no-rule-cache")).isEqualTo(plain);
        assertThat(launcher).doesNotExist();
        assertThat(hunt()).isEqualTo(plain);
        assertThat(launcher).isNotEmptyFile();
    }

    @Test
    void anUnusableRuleCacheIsNoError() throws Exception {
        String plain = hunt();
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThat(hunt("--rule-cache", file.resolve("under-it.bin").toString())).isEqualTo(plain);
        Files.writeString(tmp.resolve("garbage.bin"), "not a cache at all");
        assertThat(hunt("--rule-cache", tmp.resolve("garbage.bin").toString())).isEqualTo(plain);
        assertThat(Files.readString(tmp.resolve("garbage.bin"), StandardCharsets.ISO_8859_1))
                .isNotEqualTo("not a cache at all"); // replaced by a valid one
    }
}
