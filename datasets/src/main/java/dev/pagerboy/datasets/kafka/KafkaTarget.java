package dev.pagerboy.datasets.kafka;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where {@code --to kafka://HOST:PORT/TOPIC} sends a stream: the bootstrap server and the alerts
 * topic (acknowledgments go to their own topic, {@code acks} unless told otherwise).
 */
public record KafkaTarget(String bootstrapServers, String alertsTopic) {

    public static KafkaTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--to: not a URL: '" + url + "'");
        }
        if (!"kafka".equals(uri.getScheme())
                || uri.getHost() == null
                || uri.getPort() <= 0
                || uri.getPath() == null
                || uri.getPath().length() < 2) {
            throw new IllegalArgumentException(
                    "--to must look like kafka://HOST:PORT/TOPIC, got '" + url + "'");
        }
        String topic = uri.getPath().substring(1);
        if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("--to: '" + topic + "' is not a valid topic name");
        }
        return new KafkaTarget(uri.getHost() + ":" + uri.getPort(), topic);
    }
}
