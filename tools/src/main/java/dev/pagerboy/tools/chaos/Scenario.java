package dev.pagerboy.tools.chaos;

/** The fault-injection scenarios of issue 20 that the runner has, in the order {@code all} runs. */
enum Scenario {
    R1("TaskManager killed with kill -9 mid-run, restarted by the runner"),
    R2("Kafka broker killed with kill -9 mid-run, restarted on its kept log"),
    R3(
            "the chain answers errors, then Anvil is stopped, with acks flowing; restarted from its state"),
    R4("hostile input on alerts and acks: truncated, huge, mistyped, nested, forged, oversized"),
    R5(
            "hostile handler ROMs: endless loops, illegal opcodes, writes outside the ABI, serial"
                    + " flood, self-modifying code, MBC register abuse"),
    R6("JobManager killed with kill -9, resumed from the retained checkpoint with flink run -s"),
    R7("archive directory unwritable for a while mid-run");

    private final String title;

    Scenario(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }
}
