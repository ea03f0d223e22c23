package org.mburoja.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mburoja server}: the production server, PostgreSQL required. */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Start the server in production mode (needs a configured database, e.g. MBUROJA_DB_URL).")
public final class ServerCommand implements Callable<Integer> {

    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    @Option(names = "--port", paramLabel = "<port>", description = "HTTP port (default: $SERVER_PORT, else 8080).")
    Integer port;

    @Option(names = "--home", paramLabel = "<dir>", description = "Data directory (default: $MBUROJA_HOME, else ./data).")
    Path home;

    /** True once a server has started in this JVM, so that main() does not exit under it. */
    public static boolean serverRunning() {
        return RUNNING.get();
    }

    @Override
    public Integer call() {
        return start(ServerLauncher.Mode.PRODUCTION, home != null ? home : DatabaseOptions.defaultHome(), port);
    }

    static int start(ServerLauncher.Mode mode, Path home, Integer port) {
        try {
            ConfigurableApplicationContext ctx = ServerLauncher.startServer(mode, home, port);
            RUNNING.set(ctx.isActive());
            return 0;
        } catch (ServerLauncher.DatabaseNotConfiguredException e) {
            System.err.println("mburoja: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof ServerLauncher.DatabaseNotConfiguredException dnc) {
                System.err.println("mburoja: " + dnc.getMessage());
                return 2;
            }
            System.err.println("mburoja: the server did not start: " + root.getMessage());
            return 1;
        }
    }
}
