package dev.pagerboy.streaming.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's file: per job and subtask, entries kept with their first checkpoint. */
class EndOfInputJournalTest {

    @TempDir Path dir;

    @Test
    void aBatchRecordedAgainKeepsTheCheckpointItWasFirstRecordedWith() throws Exception {
        JobID job = new JobID();
        EndOfInputJournal journal = EndOfInputJournal.under(dir.toUri().toString(), job, 0);
        AckBatch a = AckBatch.seal(TestAcks.acks(0, 3));
        AckBatch b = AckBatch.seal(TestAcks.acks(3, 2));
        assertThat(journal.read()).isEmpty();

        journal.record(List.of(a), 4);
        journal.record(List.of(a, b), 9);

        assertThat(journal.read())
                .containsExactly(
                        new EndOfInputJournal.Entry(4, a), new EndOfInputJournal.Entry(9, b));
        assertThat(
                        dir.resolve(job.toHexString())
                                .resolve("pagerboy-anchoring")
                                .resolve("ack-writer-0.journal"))
                .isRegularFile();
        assertThat(EndOfInputJournal.under(dir.toUri().toString(), new JobID(), 0).read())
                .as("another job's")
                .isEmpty();
        assertThat(EndOfInputJournal.under(dir.toUri().toString(), job, 1).read())
                .as("another subtask's")
                .isEmpty();
    }

    @Test
    void theOtherSubtasksEntriesAreReadForTheAcksToLeaveOut() throws Exception {
        JobID job = new JobID();
        AckBatch a = AckBatch.seal(TestAcks.acks(0, 3));
        AckBatch b = AckBatch.seal(TestAcks.acks(3, 2));
        EndOfInputJournal zero = EndOfInputJournal.under(dir.toUri().toString(), job, 0);
        EndOfInputJournal one = EndOfInputJournal.under(dir.toUri().toString(), job, 1);
        assertThat(zero.readOtherSubtasks()).as("no directory yet").isEmpty();
        zero.record(List.of(a), 2);
        one.record(List.of(b), 3);
        Files.writeString(
                dir.resolve(job.toHexString())
                        .resolve("pagerboy-anchoring")
                        .resolve("ack-writer-2.journal.writing"),
                "a write cut short");

        assertThat(zero.read()).containsExactly(new EndOfInputJournal.Entry(2, a));
        assertThat(zero.readOtherSubtasks()).containsExactly(new EndOfInputJournal.Entry(3, b));
        assertThat(one.readOtherSubtasks()).containsExactly(new EndOfInputJournal.Entry(2, a));
    }

    @Test
    void withoutACheckpointDirectoryTheJournalIsInTheTemporaryDirectory() throws Exception {
        JobID job = new JobID();
        EndOfInputJournal journal = EndOfInputJournal.under(null, job, 0);
        AckBatch a = AckBatch.seal(TestAcks.acks(0, 2));
        journal.record(List.of(a), 3);

        Path file =
                Path.of(System.getProperty("java.io.tmpdir"))
                        .resolve("pagerboy-anchoring")
                        .resolve(job.toHexString())
                        .resolve("ack-writer-0.journal");
        try {
            assertThat(file).isRegularFile();
            assertThat(EndOfInputJournal.under(null, job, 1).readOtherSubtasks())
                    .containsExactly(new EndOfInputJournal.Entry(3, a));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    @Test
    void theNoneJournalRecordsNothing() throws Exception {
        EndOfInputJournal.NONE.record(List.of(AckBatch.seal(TestAcks.acks(0, 1))), 1);

        assertThat(EndOfInputJournal.NONE.read()).isEmpty();
        assertThat(EndOfInputJournal.NONE.readOtherSubtasks()).isEmpty();
    }

    @Test
    void aJournalOfAnotherVersionIsRefusedNamingTheFile() throws Exception {
        JobID job = new JobID();
        EndOfInputJournal journal = EndOfInputJournal.under(dir.toUri().toString(), job, 0);
        journal.record(List.of(AckBatch.seal(TestAcks.acks(0, 1))), 1);
        Path file =
                dir.resolve(job.toHexString())
                        .resolve("pagerboy-anchoring")
                        .resolve("ack-writer-0.journal");
        byte[] bytes = Files.readAllBytes(file);
        bytes[3] = 7;
        Files.write(file, bytes);

        assertThatThrownBy(journal::read)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ack-writer-0.journal")
                .hasMessageContaining("version 7");
    }
}
