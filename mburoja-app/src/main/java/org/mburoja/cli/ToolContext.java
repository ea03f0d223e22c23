package org.mburoja.cli;

import java.util.function.Function;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring context an admin command works in, opened on the configured (or {@code --embedded}) database and closed
 * when the command ends. Tests run the commands against their own, already running context through
 * {@link #openWith(Function)}, so that the commands' parsing, output and audit entries are tested without starting
 * a context per command.
 */
public final class ToolContext implements AutoCloseable {

    private static volatile Function<DatabaseOptions, ToolContext> opener = db -> {
        ConfigurableApplicationContext ctx = ServerLauncher.startTool(db.mode(), db.home());
        return new ToolContext(ctx, ctx::close);
    };

    private final ApplicationContext context;
    private final Runnable onClose;

    public ToolContext(ApplicationContext context, Runnable onClose) {
        this.context = context;
        this.onClose = onClose;
    }

    static ToolContext open(DatabaseOptions db) {
        return opener.apply(db);
    }

    /** Replaces how contexts are opened (tests); returns the previous opener so it can be restored. */
    public static Function<DatabaseOptions, ToolContext> openWith(Function<DatabaseOptions, ToolContext> next) {
        Function<DatabaseOptions, ToolContext> previous = opener;
        opener = next;
        return previous;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        onClose.run();
    }
}
