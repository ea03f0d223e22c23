package org.mburoja.cli;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refusal to start without a database as a short report instead of a stack trace. */
public final class DatabaseNotConfiguredFailureAnalyzer
        extends AbstractFailureAnalyzer<ServerLauncher.DatabaseNotConfiguredException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, ServerLauncher.DatabaseNotConfiguredException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Configure PostgreSQL (MBUROJA_DB_URL, MBUROJA_DB_USER, MBUROJA_DB_PASSWORD) or run 'mburoja start-dev'.",
                cause);
    }
}
