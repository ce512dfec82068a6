package dev.pagerboy.streaming.archive;

import org.apache.hadoop.conf.Configuration;

/**
 * Hadoop's configuration defaults, parsed once per JVM, for every Parquet reader and writer of the
 * archive. A {@code new Configuration()} parses Hadoop's XML defaults again: the pipeline profile
 * showed that as a sixth of the archive writer's time, and the replay profile (session 10) as 38 %
 * of a reader thread, which opens one per file. Each user gets a copy, because writers set keys.
 */
public final class HadoopConf {

    private static final Configuration LOADED = load();

    private HadoopConf() {}

    /** A copy of the once-loaded defaults, free to change. */
    public static Configuration copy() {
        return new Configuration(LOADED);
    }

    private static Configuration load() {
        Configuration conf = new Configuration();
        conf.size(); // forces the XML resources to be parsed now, not in every copy
        return conf;
    }
}
