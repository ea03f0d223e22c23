package org.mburoja.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every registry message exists in English and Albanian. */
class OperatorMessagesTest {

    static Set<String> keys(String file) throws Exception {
        Properties p = new Properties();
        try (InputStream in = OperatorMessagesTest.class.getResourceAsStream("/" + file)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p.stringPropertyNames().stream().filter(k -> k.startsWith("operators."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyOperatorsMessageHasAnAlbanianTranslation() throws Exception {
        Set<String> en = keys("messages.properties");
        Set<String> sq = keys("messages_sq.properties");
        assertThat(en).isNotEmpty();
        assertThat(sq).isEqualTo(en);
    }
}
