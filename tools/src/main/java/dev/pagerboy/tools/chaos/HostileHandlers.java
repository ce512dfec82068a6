package dev.pagerboy.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.vm.handler.HandlerAbi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * R5: each {@link HostileRom} in turn is the handler of the root route of the shipped configuration
 * (inherited by every route without its own handler), for a run over the same seeded input. Every
 * alert that meets it must get the fallback decision with the expected fault archived, within the
 * cycle budget; the job must not restart; every input is archived once. Notifications are not
 * compared with the fault-free run: the fallback decisions differ from the real handler's by
 * design.
 */
final class HostileHandlers {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The CPU checks the budget between instructions, so a run stops at most one instruction past
     * it: SM83's longest instruction (a taken {@code call}) takes 24 T-cycles.
     */
    static final long LONGEST_INSTRUCTION_CYCLES = 24;

    private HostileHandlers() {}

    /** Whether a handler run stopped within the budget, or the one instruction that crossed it. */
    static boolean withinBudget(long cycles) {
        return cycles <= HandlerAbi.DEFAULT_CYCLE_BUDGET + LONGEST_INSTRUCTION_CYCLES;
    }

    static ScenarioReport run(ChaosContext ctx) throws Exception {
        ScenarioReport report = new ScenarioReport(Scenario.R5);
        ChaosContext.Baseline baseline = ctx.baseline();
        Path handlers = JobRun.root().resolve("vm/handlers");
        double clean =
                ctx.input().inputs() / Math.max(0.001, baseline.elapsed().toMillis() / 1000.0);
        long faultsTotal = 0;
        long lost = 0;
        long duplicated = 0;
        long delivered = 0;
        for (HostileRom rom : HostileRom.values()) {
            String name = rom.name().toLowerCase().replace('_', '-');
            byte[] image = rom.assemble(handlers);
            String sha =
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
            JobRun.Spec spec =
                    new JobRun.Spec("r5-" + name, ctx.work().resolve("runs").resolve("r5-" + name));
            Files.createDirectories(spec.dir());
            Files.write(spec.dir().resolve("hostile.gb"), image);
            String template =
                    ctx.configTemplate()
                            .replaceFirst("(?m)^(\\s+rom:).*$", "$1 hostile.gb")
                            .replaceFirst("(?m)^(\\s+sha256:).*$", "$1 " + sha);
            ctx.out().println("chaos: R5 handler " + name + " on the root route");
            JobRun run = JobRun.submit(ctx.stage(), ctx.input(), spec, Optional.empty(), template);
            try (DispatchReplicas dispatch = DispatchReplicas.start(ctx, spec)) {
                String state = run.awaitTerminal(ctx.timeout());
                Duration elapsed = Duration.ofNanos(System.nanoTime() - run.runningSince());
                int failovers = run.failovers();
                report.check(
                        name + ": job state, restarts",
                        state + ", " + failovers,
                        state.equals("FINISHED") && failovers == 0);
                long met = 0;
                long maxCycles = 0;
                Map<String, Long> kinds = new TreeMap<>();
                for (ArchiveRecord row : ParquetArchive.reader(spec.archive()).readAll()) {
                    if (row.kind() != ArchiveKind.DECISION) {
                        continue;
                    }
                    JsonNode p = JSON.readTree(row.payloadJson());
                    if (!p.path("romSha256").asText().equals(sha)) {
                        continue;
                    }
                    met++;
                    maxCycles = Math.max(maxCycles, p.path("cycles").asLong());
                    kinds.merge(
                            p.path("faultKind").asText().isEmpty()
                                    ? "(none)"
                                    : p.path("faultKind").asText(),
                            1L,
                            Long::sum);
                }
                long expectedKind = kinds.getOrDefault(rom.expected().name(), 0L);
                faultsTotal += expectedKind;
                report.check(
                        name + ": alerts that met it, faulted " + rom.expected(),
                        expectedKind + " of " + met + " " + kinds,
                        met > 0 && expectedKind == met);
                report.check(
                        name + ": most cycles (budget + one instruction)",
                        maxCycles
                                + " ("
                                + HandlerAbi.DEFAULT_CYCLE_BUDGET
                                + " + "
                                + LONGEST_INSTRUCTION_CYCLES
                                + ")",
                        withinBudget(maxCycles));
                RunOutputs outputs =
                        RunOutputs.read(
                                ctx.stage().broker().bootstrapServers(),
                                spec,
                                ctx.input().alertsTopic());
                Books books = Books.balance(ctx.input(), outputs, baseline.outputs());
                report.check(
                        name + ": inputs archived once",
                        (books.inputs() - books.archiveMissing())
                                + " of "
                                + books.inputs()
                                + ", "
                                + books.archiveDuplicated()
                                + " twice",
                        books.archiveMissing() == 0 && books.archiveDuplicated() == 0);
                report.figure(
                        name + ": notifications (fault-free run)",
                        books.notifications() + " (" + books.expectedNotifications() + ")");
                report.figure(
                        name + ": throughput (clean run)",
                        String.format(
                                "%.0f records/s (%.0f records/s)",
                                ctx.input().inputs() / Math.max(0.001, elapsed.toMillis() / 1000.0),
                                clean));
                lost += books.archiveMissing();
                duplicated += books.archiveDuplicated();
                DeliveryBooks delivery =
                        dispatch.finish(outputs.notifications().keySet(), ctx.timeout());
                delivery.addRow(report, name);
                lost += delivery.lost() + delivery.receiptsLost();
                duplicated += delivery.foreignEffects();
                delivered += delivery.pages() - delivery.lost();
            }
        }
        report.summary("inputs", ctx.input().inputs());
        report.summary("lost", lost);
        report.summary("duplicated", duplicated);
        report.summary("pages_delivered", delivered);
        report.summary("roms", HostileRom.values().length);
        report.summary("handler_faults", faultsTotal);
        return report;
    }
}
