package org.mburoja.cli;

import java.util.concurrent.Callable;
import org.mburoja.audit.AuditLog;
import org.mburoja.audit.ChainVerification;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mburoja audit ...}: work on the audit chain from the command line. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Audit log tools.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code mburoja audit verify}: walks the chain and reports the first broken entry. */
    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Walk the hash chain of the audit log and report the first broken entry. "
                    + "Exit code 0: intact; 3: broken.")
    public static final class Verify implements Callable<Integer> {

        @Mixin
        DatabaseOptions db;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = ServerLauncher.startTool(db.mode(), db.home())) {
                ChainVerification v = ctx.getBean(AuditLog.class).verify();
                if (v.intact()) {
                    System.out.printf("audit chain intact: %d entries verified%n", v.entries());
                    return 0;
                }
                System.out.printf("audit chain BROKEN at entry %d: %s (%d entries read)%n",
                        v.firstBroken(), v.reason(), v.entries());
                return 3;
            } catch (RuntimeException e) {
                return ToolErrors.report(e);
            }
        }
    }
}
