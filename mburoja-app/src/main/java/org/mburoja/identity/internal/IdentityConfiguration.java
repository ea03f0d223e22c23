package org.mburoja.identity.internal;

import java.security.SecureRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing and generation shared by the identity services. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /**
     * Argon2id with Spring Security's 5.8 defaults (16 MiB, 2 iterations, 1 lane; ~30-60 ms on this class of
     * machine): slow enough to make offline guessing costly, fast enough for interactive logins on 2 cores.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    PasswordGenerator passwordGenerator() {
        return new PasswordGenerator(new SecureRandom());
    }
}
