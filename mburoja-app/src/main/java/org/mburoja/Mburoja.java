package org.mburoja;

import org.mburoja.cli.AdminCommand;
import org.mburoja.cli.AuditCommand;
import org.mburoja.cli.ScanCommand;
import org.mburoja.cli.ServerCommand;
import org.mburoja.cli.ServerLauncher;
import org.mburoja.cli.StartDevCommand;
import org.mburoja.cli.StixCommand;
import org.mburoja.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one executable. Engine commands ({@code hunt}, {@code scan}, {@code stix}) run without Spring; {@code server}
 * and {@code start-dev} start the Spring Boot server; admin commands start a context without a web server.
 */
@Command(name = "mburoja",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Mburoja, the national cyber-defence platform.",
        subcommands = {
                ServerCommand.class,
                StartDevCommand.class,
                AuditCommand.class,
                AdminCommand.class,
                StixCommand.class,
                org.mburoja.cli.HuntCommand.class,
                ScanCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Mburoja implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine tool = args.length > 0 ? toolCommandLine(args[0]) : null;
        int code = (tool != null ? tool : commandLine()).execute(args);
        if (code != 0 || !ServerCommand.serverRunning()) {
            System.exit(code);
        }
    }

    /** The root of a tree that holds one offline tool (see {@link #toolCommandLine}); nothing else runs it. */
    @Command(name = "mburoja", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
    static final class ToolRoot implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    /**
     * For an offline tool ({@code hunt}, {@code scan}, {@code stix}): a command tree with that tool alone under the
     * root, which reads, helps and fails for {@code mburoja <tool> ...} exactly as the whole tree does; null for any
     * other first argument. Building the whole tree reflects over every command, and picocli's classes cannot be in
     * the JDK's AOT cache (they are compiled for an old class-file version): 0.1-0.15 CPU-s of every tool run.
     */
    public static CommandLine toolCommandLine(String name) {
        Object command = switch (name) {
            case "hunt" -> new org.mburoja.cli.HuntCommand();
            case "scan" -> new ScanCommand();
            case "stix" -> new StixCommand();
            default -> null;
        };
        if (command == null) {
            return null;
        }
        CommandLine cl = new CommandLine(new ToolRoot());
        cl.addSubcommand(name, command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** The command tree, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        ServerLauncher.primarySource(MburojaServer.class);
        CommandLine cl = new CommandLine(new Mburoja());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
