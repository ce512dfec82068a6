package dev.pagerboy.tools.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * R6's wait for the resumed job's first checkpoint (finding 12): a bounded job that FINISHED before
 * the runner saw a checkpoint is drained (its final checkpoint committed everything), so the wait
 * ends and the books decide; a job that FAILED or was CANCELED still fails the wait.
 */
class CheckpointWaitTest {

    @Test
    void aRunningJobWithoutTheCheckpointsKeepsWaiting() {
        assertEquals(JobRun.CheckpointWait.WAITING, JobRun.CheckpointWait.of("j", "RUNNING", 0, 1));
        assertEquals(
                JobRun.CheckpointWait.WAITING, JobRun.CheckpointWait.of("j", "INITIALIZING", 0, 1));
    }

    @Test
    void theCheckpointsAskedForEndTheWait() {
        assertEquals(JobRun.CheckpointWait.REACHED, JobRun.CheckpointWait.of("j", "RUNNING", 1, 1));
        assertEquals(JobRun.CheckpointWait.REACHED, JobRun.CheckpointWait.of("j", "RUNNING", 3, 1));
    }

    @Test
    void aJobThatFinishedBeforeItsFirstCheckpointWasSeenIsDrained() {
        assertEquals(
                JobRun.CheckpointWait.DRAINED, JobRun.CheckpointWait.of("j", "FINISHED", 0, 1));
    }

    @Test
    void aFailedOrCanceledJobFailsTheWait() {
        IllegalStateException failed =
                assertThrows(
                        IllegalStateException.class,
                        () -> JobRun.CheckpointWait.of("j", "FAILED", 0, 1));
        assertTrue(failed.getMessage().contains("FAILED"), failed.getMessage());
        assertThrows(
                IllegalStateException.class, () -> JobRun.CheckpointWait.of("j", "CANCELED", 0, 1));
    }
}
