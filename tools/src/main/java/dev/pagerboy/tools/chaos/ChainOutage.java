package dev.pagerboy.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.contracts.archive.HourLeaves;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.datasets.gen.EngineerKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * R3: the chain goes away mid-run while acks flow. The job anchors accepted acks on an Anvil node
 * ({@code --ledger-rpc/--ledger-contract/--ledger-key}); the node is stopped (SIGTERM: it dumps its
 * state) for {@code --outage}, then started again on the same port from its state file. The job
 * must keep its acks until the chain is back and then anchor each batch exactly once.
 *
 * <p>The acks ({@link AckPlan}) answer the fault-free run's engineer pages, so the run with acks
 * pages less than the shared fault-free run: its books balance against a reference run of the same
 * input and acks on a healthy chain of its own. Beyond the books (inputs archived once,
 * notifications and incident transitions equal to the reference's): every ack receipt of the
 * reference is there exactly once (by leaf digest; batches may be cut differently), no batch is
 * anchored twice ({@code Anchored} events on the run's contract), every receipt's batch has its
 * event, and the events' leaves add up to the receipts (nothing anchored that has no receipt).
 */
final class ChainOutage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROSTER_ADDRESS =
            Pattern.compile("(?m)^(\\s*- name: (\\w+)\\s*\\n\\s+address: )\"0x[0-9a-fA-F]{40}\"");

    private ChainOutage() {}

    static ScenarioReport run(ChaosContext ctx) throws Exception {
        ScenarioReport report = new ScenarioReport(Scenario.R3);
        ChaosContext.Baseline baseline = ctx.baseline();
        EngineerKeys keys = new EngineerKeys(ctx.options().seed());
        String acksTopic = "acks-r3";
        List<AckPlan.Ack> acks = AckPlan.answering(baseline.outputs().notifications(), keys);
        if (acks.isEmpty()) {
            report.fail("acks", "the fault-free run paged no engineer: nothing to acknowledge");
            return report;
        }
        ctx.stage().broker().createTopics(ChaosInput.PARTITIONS, acksTopic);
        AckPlan.write(ctx.stage().broker().bootstrapServers(), acksTopic, acks);
        String template = withAcks(ctx.configTemplate(), keys, acksTopic);
        report.figure("acks written (answering engineer pages)", String.valueOf(acks.size()));

        ctx.out().println("chaos: R3 reference run: the same input and acks, a healthy chain");
        RunOutputs reference;
        List<AnchorEvent> referenceAnchors;
        Duration referenceTook;
        try (Chain chain = Chain.start(ctx.work().resolve("runs").resolve("r3-reference"))) {
            JobRun ref = submit(ctx, "r3-reference", template, chain);
            String state = ref.awaitTerminal(ctx.timeout());
            referenceTook = Duration.ofNanos(System.nanoTime() - ref.runningSince());
            if (!state.equals("FINISHED")) {
                throw new IllegalStateException("R3's reference run ended " + state + ref.why());
            }
            reference =
                    RunOutputs.read(
                            ctx.stage().broker().bootstrapServers(),
                            ref.spec(),
                            ctx.input().alertsTopic());
            referenceAnchors = chain.anchors();
        }
        report.figure(
                "reference: receipts, batches anchored",
                Copies.count(reference.ackReceipts()) + ", " + referenceAnchors.size());

        int faults = 0;
        try (Chain chain = Chain.start(ctx.work().resolve("runs").resolve("r3"))) {
            JobRun run = submit(ctx, "r3", template, chain);
            if (!FaultRun.awaitProgress(ctx, run, run.runningSince(), referenceTook, 0.4)) {
                report.fail("chain outage", "the run ended before the outage: use more --alerts");
            } else {
                int failovers = run.failovers();
                long checkpoints = run.completedCheckpoints();
                long anchoredBefore = chain.anchors().size();
                long t0 = System.nanoTime();
                chain.stop();
                faults++;
                ctx.out()
                        .printf(
                                "chaos: R3 Anvil stopped (state dumped) after %d anchored"
                                        + " batches; down for %d s%n",
                                anchoredBefore, ctx.options().outage().toSeconds());
                JobRun.pause(ctx.options().outage());
                long during = run.completedCheckpoints() - checkpoints;
                int failoversDuring = run.failovers() - failovers;
                chain.restart();
                ctx.out().println("chaos: R3 Anvil restarted from its state file");
                report.figure("batches anchored before the outage", String.valueOf(anchoredBefore));
                report.figure("checkpoints completed during the outage", String.valueOf(during));
                report.figure("failovers during the outage", String.valueOf(failoversDuring));
                long ms = FaultRun.awaitRecovery(ctx, run, t0, failovers, checkpoints);
                report.figure("recovery (outage start → checkpoint)", ms + " ms");
                report.summary("recovery_ms", ms);
            }
            FaultRun.Finished finished = FaultRun.finish(ctx, run, report, reference);
            balanceAnchors(report, finished.outputs(), reference, chain.anchors());
        }
        report.summary("faults", faults);
        return report;
    }

    private static JobRun submit(ChaosContext ctx, String name, String template, Chain chain) {
        return JobRun.submit(
                ctx.stage(),
                ctx.input(),
                new JobRun.Spec(name, ctx.work().resolve("runs").resolve(name)),
                Optional.empty(),
                template,
                chain.jobArgs());
    }

    /** Receipts equal to the reference's by leaf, and every batch anchored exactly once. */
    static void balanceAnchors(
            ScenarioReport report,
            RunOutputs run,
            RunOutputs reference,
            List<AnchorEvent> anchors) {
        Copies receipts = Copies.compare(leavesOnly(run), leavesOnly(reference));
        receipts.addTo(report, "ack receipts");
        Set<String> batches = new HashSet<>();
        long twice = 0;
        long leaves = 0;
        List<AnchorEvent> ackBatches = anchors.stream().filter(e -> !isHourRoot(e)).toList();
        for (AnchorEvent e : ackBatches) {
            if (!batches.add(e.batchId().toHex())) {
                twice++;
            }
            leaves += e.leafCount();
        }
        Set<String> receiptBatches = new HashSet<>();
        run.ackReceipts().values().forEach(receiptBatches::addAll);
        long unanchored = receiptBatches.stream().filter(b -> !batches.contains(b)).count();
        report.check("batches anchored twice", String.valueOf(twice), twice == 0);
        report.check(
                "receipt batches without an Anchored event",
                unanchored + " of " + receiptBatches.size(),
                unanchored == 0);
        report.check(
                "leaves anchored (receipts)",
                leaves + " (" + receipts.count() + ")",
                leaves == receipts.count());
        report.summary("receipts", receipts.count());
        report.figure(
                "hour roots anchored (archive_root, not acks)",
                String.valueOf(anchors.size() - ackBatches.size()));
        report.summary("batches", ackBatches.size());
        report.summary("receipts_lost", receipts.lost());
        report.summary("anchored_twice", twice);
    }

    /** The receipts by leaf digest, without their batch ids (batches may be cut differently). */
    private static Map<String, List<String>> leavesOnly(RunOutputs outputs) {
        Map<String, List<String>> leaves = new HashMap<>();
        outputs.ackReceipts()
                .forEach((leaf, copies) -> leaves.put(leaf, copies.stream().map(b -> "").toList()));
        return leaves;
    }

    /**
     * The shipped configuration with the acks read from {@code acksTopic} and each rostered
     * engineer's address replaced by the generator's key for that name ({@link EngineerKeys}, team
     * = the engineer's name): the shipped addresses belong to keys nobody here holds.
     */
    static String withAcks(String template, EngineerKeys keys, String acksTopic) {
        Matcher m = ROSTER_ADDRESS.matcher(template);
        StringBuilder out = new StringBuilder();
        int replaced = 0;
        while (m.find()) {
            String address = keys.engineer(m.group(2), 0).address();
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "\"" + address + "\""));
            replaced++;
        }
        m.appendTail(out);
        if (replaced == 0) {
            throw new IllegalStateException("the job configuration has no roster to give keys to");
        }
        return out.toString().replaceFirst("(?m)^([ \\t]+acks:).*$", "$1 " + acksTopic);
    }

    /** The engineer named in a notification, or empty for a receiver's page. */
    static Optional<JsonNode> engineerPage(String notification) {
        try {
            JsonNode page = JSON.readTree(notification);
            return page.path("engineer").asText("").isEmpty()
                    ? Optional.empty()
                    : Optional.of(page);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Generations an hour can have in a chaos run (sealed once per day of event time). */
    private static final int MAX_GENERATIONS = 4096;

    /**
     * Whether an {@code Anchored} event is an archive hour's root (the job anchors those on the
     * same contract since session 7) rather than a batch of acks: its id is the hour's, and its
     * first sequence the hour's number.
     */
    static boolean isHourRoot(AnchorEvent e) {
        long hourStart = e.firstSeq() * HourLeaves.HOUR_MILLIS;
        for (int generation = 0; generation <= MAX_GENERATIONS; generation++) {
            if (HourLeaves.batchId(hourStart, generation).equals(e.batchId())) {
                return true;
            }
        }
        return false;
    }
}
