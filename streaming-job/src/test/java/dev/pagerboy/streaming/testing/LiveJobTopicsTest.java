package dev.pagerboy.streaming.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture covers every topic of the job, and its YAML reads back as the same topics. */
class LiveJobTopicsTest {

    @TempDir Path work;

    @Test
    void namesEveryTopicOfTheJobForTheTest() {
        LiveJobTopics topics = LiveJobTopics.named(null, "t");
        KafkaSettings.Topics defaults = KafkaSettings.Topics.defaults();
        RecordComponent[] components = KafkaSettings.Topics.class.getRecordComponents();

        assertThat(topics.byRole()).hasSize(components.length);
        for (RecordComponent c : components) {
            assertThat(topics.byRole().get(read(c, defaults))).isEqualTo("t-" + read(c, defaults));
            assertThat(read(c, topics.names())).isEqualTo("t-" + read(c, defaults));
        }
        assertThat(topics.byRole()).containsEntry("dead-letters", "t-dead-letters");
    }

    @Test
    void itsYamlConfiguresTheSameTopicsItCreates() throws Exception {
        LiveJobTopics topics = LiveJobTopics.named(null, "yaml");
        Path file =
                Files.writeString(
                        work.resolve("pagerboy.yaml"), topics.opsRouteYaml("1s", "1m", "1h"));

        assertThat(PagerBoyConfig.load(file).kafka().topics()).isEqualTo(topics.names());
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
