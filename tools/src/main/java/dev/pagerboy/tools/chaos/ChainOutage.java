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
 * R3: the chain fails mid-run while acks flow, in both ways the issue names, one after the other.
 * The job anchors accepted acks on an Anvil node ({@code --ledger-rpc/--ledger-contract/
 * --ledger-key}) through an {@link ErringRelay}. First the chain answers errors for {@code
 * --outage} (every request an HTTP 503 or a JSON-RPC error, none reaching the node), then it
 * answers again; at once the node is stopped (SIGTERM: it dumps its state) for {@code --outage},
 * then started again on the same port from its state file. The job must keep its acks until the
 * chain answers and then anchor each batch exactly once. The two faults follow each other without a
 * pause: a bounded run that reached the end of its input between them would wait for the chain in
 * its final checkpoint and finish before the second.
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
            try (DispatchReplicas dispatch = DispatchReplicas.start(ctx, run.spec())) {
                if (!FaultRun.awaitProgress(ctx, run, run.runningSince(), referenceTook, 0.4)) {
                    report.fail(
                            "chain outage", "the run ended before the outage: use more --alerts");
                } else {
                    int failovers = run.failovers();
                    long anchoredBefore = chain.anchors().size();
                    long t0 = System.nanoTime();
                    Duration outage = ctx.options().outage();
                    chain.answerErrors();
                    faults++;
                    ctx.out()
                            .printf(
                                    "chaos: R3 the chain answers errors (HTTP 503, JSON-RPC %d) after"
                                            + " %d anchored batches, for %d s%n",
                                    ErringRelay.ERROR_CODE, anchoredBefore, outage.toSeconds());
                    JobRun.pause(outage);
                    long erred = chain.erred();
                    long anchoredWhileErring = chain.anchors().size() - anchoredBefore;
                    chain.heal();
                    long stoppedAt = System.nanoTime();
                    long checkpointsBeforeStop = run.completedCheckpoints();
                    chain.stop();
                    faults++;
                    ctx.out()
                            .printf(
                                    "chaos: R3 the chain answers again; %d requests answered with"
                                            + " errors; now Anvil stopped (state dumped), down for"
                                            + " %d s%n",
                                    erred, outage.toSeconds());
                    JobRun.pause(outage);
                    long checkpointsAtRestart = run.completedCheckpoints();
                    long during = checkpointsAtRestart - checkpointsBeforeStop;
                    int failoversDuring = run.failovers() - failovers;
                    chain.restart();
                    ctx.out().println("chaos: R3 Anvil restarted from its state file");
                    report.figure(
                            "batches anchored before the faults", String.valueOf(anchoredBefore));
                    report.check(
                            "requests answered with errors (" + outage.toSeconds() + " s)",
                            String.valueOf(erred),
                            erred > 0);
                    // A figure, not a check: a send relayed just before the switch is mined after
                    // it.
                    report.figure(
                            "batches anchored while the chain answered errors",
                            String.valueOf(anchoredWhileErring));
                    report.figure(
                            "checkpoints completed while Anvil was down ("
                                    + outage.toSeconds()
                                    + " s)",
                            String.valueOf(during));
                    report.figure("failovers during the faults", String.valueOf(failoversDuring));
                    // From the stop to the second checkpoint after the restart (or after a
                    // failover).
                    long ms =
                            FaultRun.awaitRecovery(
                                    ctx, run, stoppedAt, failovers, checkpointsAtRestart);
                    report.figure(
                            "recovery (Anvil stopped → checkpoint after its restart)", ms + " ms");
                    report.figure(
                            "faults began → that checkpoint",
                            (System.nanoTime() - t0) / 1_000_000 + " ms");
                    report.summary("recovery_ms", ms);
                }
                FaultRun.Finished finished = FaultRun.finish(ctx, run, report, reference);
                balanceAnchors(report, finished.outputs(), reference, chain.anchors());
                dispatch.balance(
                        finished.outputs().notifications().keySet(), finished.books(), report);
            }
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
        return withAcksTopic(out.toString(), acksTopic);
    }

    /** The configuration with its acks read from {@code acksTopic}. */
    static String withAcksTopic(String template, String acksTopic) {
        return template.replaceFirst("(?m)^([ \\t]+acks:).*$", "$1 " + acksTopic);
    }

    /** Each rostered engineer's address in {@code template}, by name. */
    static Map<String, String> rosterAddresses(String template) {
        Matcher m = ROSTER_ADDRESS.matcher(template);
        Map<String, String> addresses = new HashMap<>();
        while (m.find()) {
            String line = m.group();
            addresses.put(m.group(2), line.substring(line.indexOf("\"0x") + 1, line.length() - 1));
        }
        return addresses;
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
