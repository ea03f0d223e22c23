package org.mburoja.leaks.internal;

import org.mburoja.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The breach desk's place in the web shell: one navigation link for the authority's staff. */
@Configuration(proxyBeanMethods = false)
class LeaksInShell {

    @Bean
    NavigationEntry leaksLink() {
        return new NavigationEntry("/leaks", "leaks.title", 300, NavigationEntry.Audience.AUTHORITY_STAFF);
    }
}
