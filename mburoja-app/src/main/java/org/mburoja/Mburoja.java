package org.mburoja;

import org.mburoja.cli.AdminCommand;
import org.mburoja.cli.AuditCommand;
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
                CommandLine.HelpCommand.class,
        })
public final class Mburoja implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || !ServerCommand.serverRunning()) {
            System.exit(code);
        }
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
