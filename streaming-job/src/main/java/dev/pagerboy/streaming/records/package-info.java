/**
 * The records that flow between the job's operators. The input records (RawInput, Alert,
 * DeadLetter, LabelMatcher, Silence, Tick) are Java records serialized by Flink's POJO serializer;
 * their {@code Map<String,String>} and {@code List<LabelMatcher>} fields use the dedicated
 * collection serializers that Flink 2.0 introduced (FLINK-34123), which need the field declared as
 * the interface type with concrete type arguments. {@code RecordSerializationTest} checks that no
 * field falls back to Kryo.
 */
package dev.pagerboy.streaming.records;
