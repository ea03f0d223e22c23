package org.mburoja.sigma.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleMetaTest {

    /** ATT&CK ids are "attack.t" and ASCII digits; tactics, groups, software and look-alike digits are not ids. */
    @Test
    void techniquesAreTheTagsThatNameAnAttackTechnique() {
        RuleMeta meta = new RuleMeta("r", null, "t", "test", null, List.of("attack.t1059.001", "attack.execution",
                "attack.T1003", "attack.g0049", "attack.s0002", "attack.t\u0661\u0660\u0660\u0663", "attack.t",
                "attack.t1490", "cve.2021-26855"), null, List.of());
        assertThat(meta.techniques()).containsExactly("T1059.001", "T1490");
    }
}
