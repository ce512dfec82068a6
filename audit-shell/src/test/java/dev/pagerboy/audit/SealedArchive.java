package dev.pagerboy.audit;

import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.ledger.LedgerSettings;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import dev.pagerboy.streaming.anchor.HourRootAnchorSink;
import dev.pagerboy.streaming.anchor.LedgerEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@link JobArchive}'s input run through the job with its hours sealed and their roots anchored by
 * the job's own sink ({@link HourRootAnchorSink}) on a real Anvil: an archive with {@code
 * archive_root} rows for 10:00, 11:00 and 12:00 and their roots on the chain. Once per test JVM;
 * Anvil stops with the JVM. {@link #copy} gives each tamper case its own copy.
 */
public final class SealedArchive {

    private static SealedArchive instance;

    final AnvilNode anvil;
    final String contract;
    final Path dir;

    private SealedArchive(AnvilNode anvil, String contract, Path dir) {
        this.anvil = anvil;
        this.contract = contract;
        this.dir = dir;
    }

    public static synchronized SealedArchive get() throws Exception {
        if (instance == null) {
            AnvilNode anvil = AnvilNode.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(anvil::close));
            String contract =
                    Web3jLedgerClient.deploy(
                            LedgerSettings.defaults(anvil.rpcUrl()),
                            anvil.account(0).credentials(),
                            anvil.account(1).address());
            Path work = Files.createTempDirectory("audit-sealed");
            Path key = work.resolve("writer.key");
            Files.writeString(key, anvil.account(1).privateKey() + "\n");
            Path dir = work.resolve("archive");
            JobArchive.write(
                    dir,
                    HourRootAnchorSink.orDiscard(
                            new LedgerEndpoint(anvil.rpcUrl(), contract, key.toString())));
            instance = new SealedArchive(anvil, contract, dir);
        }
        return instance;
    }

    /** Shell settings: this archive (or {@code archive}) and the chain its roots are on. */
    public AuditSettings settings(Path archive) {
        return new AuditSettings(archive, null, anvil.rpcUrl(), contract, false);
    }

    /** A copy of the archive at {@code target} (committed files only, same layout). */
    public Path copy(Path target) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(dir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}
