package org.mburoja.cli;

/** Turns a failure of a tool command into a one-line message and an exit code. */
final class ToolErrors {

    private ToolErrors() {
    }

    static int report(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof ServerLauncher.DatabaseNotConfiguredException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof ServerLauncher.DatabaseNotConfiguredException) {
            System.err.println("mburoja: " + root.getMessage()
                    + " Admin tools on the start-dev database: add --embedded.");
            return 2;
        }
        System.err.println("mburoja: " + (root.getMessage() == null ? root.toString() : root.getMessage()));
        return 1;
    }
}
