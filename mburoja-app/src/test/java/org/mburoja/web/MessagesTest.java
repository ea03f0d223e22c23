package org.mburoja.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;

/** Every page exists in English and Albanian: both bundles have the same keys, and every key a page uses exists. */
class MessagesTest {

    private static final Pattern KEY = Pattern.compile("#\\{([a-zA-Z0-9_.\\-]+)[}(]");

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndAlbanianHaveTheSameKeys() throws IOException {
        Set<String> en = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> sq = new TreeSet<>(load("messages_sq.properties").stringPropertyNames());
        assertThat(sq).as("keys missing in messages_sq.properties").containsAll(en);
        assertThat(en).as("keys missing in messages.properties").containsAll(sq);
    }

    @Test
    void albanianTextsAreTranslated() throws IOException {
        Properties en = load("messages.properties");
        Properties sq = load("messages_sq.properties");
        // words that are the same in both languages
        Set<String> sameInBoth = Set.of("role.admin", "role.operator", "role.partner", "user.email");
        Set<String> same = new TreeSet<>(en.stringPropertyNames().stream()
                .filter(k -> en.getProperty(k).equals(sq.getProperty(k)) && en.getProperty(k).length() > 6)
                .filter(k -> !sameInBoth.contains(k)).toList());
        assertThat(same).as("texts identical in English and Albanian").isEmpty();
    }

    @Test
    void everyKeyUsedByATemplateExists() throws IOException {
        Properties en = load("messages.properties");
        Path templates = Path.of("src/main/resources/templates");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = KEY.matcher(Files.readString(f));
                while (m.find()) {
                    if (!en.containsKey(m.group(1))) {
                        missing.add(templates.relativize(f) + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyRoleAndOrganisationKindHasALabel() throws IOException {
        Properties en = load("messages.properties");
        for (Role r : Role.values()) {
            assertThat(en).containsKey("role." + r.name().toLowerCase(Locale.ROOT));
        }
        for (OrganisationKind k : OrganisationKind.values()) {
            assertThat(en).containsKey("organisation.kind." + k.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The leak scan's results page names every entity type, risk level, risk reason and special category in the
     * page's language, and each reason's sentence takes as many figures as the engine gives it.
     */
    @Test
    void everyLeakResultHasALabelInBothLanguages() throws IOException {
        for (String bundle : new String[] {"messages.properties", "messages_sq.properties"}) {
            Properties m = load(bundle);
            for (org.mburoja.leak.EntityType t : org.mburoja.leak.EntityType.values()) {
                assertThat(m).as(bundle).containsKey("leaks.entity." + t.key());
            }
            for (org.mburoja.leak.RiskLevel l : org.mburoja.leak.RiskLevel.values()) {
                assertThat(m).as(bundle).containsKey("leaks.risk." + l.name().toLowerCase(Locale.ROOT));
            }
            assertThat(m).as(bundle).containsKey("leaks.special.political_opinion");
            // every reason the engine can give: all types present or all absent, for several numbers of people
            Set<String> codes = new TreeSet<>();
            for (long people : new long[] {0, 5, 5_000, 500_000}) {
                for (boolean any : new boolean[] {true, false}) {
                    for (org.mburoja.leak.EntityType only : org.mburoja.leak.EntityType.values()) {
                        java.util.Map<org.mburoja.leak.EntityType, Long> found = new java.util.EnumMap<>(
                                org.mburoja.leak.EntityType.class);
                        for (org.mburoja.leak.EntityType t : org.mburoja.leak.EntityType.values()) {
                            found.put(t, any || t == only ? 3L : 0L);
                        }
                        for (var why : org.mburoja.leak.RiskAssessment.of(found, people).why()) {
                            codes.add(why.code());
                            String text = m.getProperty("leaks.reason." + why.code());
                            assertThat(text).as(bundle + ": leaks.reason." + why.code()).isNotNull();
                            assertThat(new java.text.MessageFormat(text).getFormatsByArgumentIndex())
                                    .as(bundle + ": figures of " + why.code()).hasSize(why.figures().size());
                        }
                    }
                }
            }
            assertThat(codes).as("reasons reached").hasSizeGreaterThanOrEqualTo(10);
        }
    }
}
