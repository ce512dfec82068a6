package dev.pagerboy.devstack;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind the committed end of some topics. The job's Kafka sources
 * commit their offsets when a checkpoint completes, so a lag of zero means a completed checkpoint
 * covers every input record, and with it every output the job derived from them: the exactly-once
 * sinks commit on that same checkpoint.
 */
public final class ConsumerGroupLag implements AutoCloseable {

    private final Admin admin;
    private final String groupId;

    public ConsumerGroupLag(String bootstrapServers, String groupId) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(p);
        this.groupId = groupId;
    }

    /** Records in {@code topics} (read_committed end) not yet covered by the group's offsets. */
    public long behind(Collection<String> topics) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topics);
        Map<TopicPartition, Long> committed = committedOffsets();
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            behind += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
        }
        return behind;
    }

    /** The sum of the group's committed offsets over all partitions. */
    public long committedTotal() throws Exception {
        return committedOffsets().values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<TopicPartition, Long> committedOffsets() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach(
                (tp, meta) -> {
                    if (meta != null) {
                        result.put(tp, meta.offset());
                    }
                });
        return result;
    }

    private Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(List.copyOf(topics))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .forEach(
                        (name, description) ->
                                description
                                        .partitions()
                                        .forEach(
                                                p ->
                                                        request.put(
                                                                new TopicPartition(
                                                                        name, p.partition()),
                                                                OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos =
                admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .all()
                        .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        infos.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    @Override
    public void close() {
        admin.close();
    }
}
