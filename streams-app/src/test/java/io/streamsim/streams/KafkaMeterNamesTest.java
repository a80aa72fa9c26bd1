package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import org.junit.jupiter.api.Test;

class KafkaMeterNamesTest {

    private static final Tags TAGS = Tags.of("client.id", "producer-1", "kafka.version", "4.3.1");
    private static final PrometheusNamingConvention PROMETHEUS = new PrometheusNamingConvention();

    private static Meter.Id gauge(String name) {
        return new Meter.Id(name, TAGS, null, "Some description", Meter.Type.GAUGE);
    }

    private static Meter.Id counter(String name) {
        return new Meter.Id(name, TAGS, null, "Some description", Meter.Type.COUNTER);
    }

    /**
     * The sample name the Prometheus registry exports, as {@code promtool} sees it: Micrometer's convention names
     * the family, and the Prometheus client ends a counter's samples in {@code _total} (checked by scraping in
     * {@link PrometheusRegistriesTest} and {@link KafkaBindersPromtoolTest}).
     */
    private static String exported(Meter.Id id) {
        String family = id.getConventionName(PROMETHEUS);
        return id.getType() == Meter.Type.COUNTER ? family + "_total" : family;
    }

    @Test
    void nanosecondGauge_losesTheToken_andIsExportedInSeconds() {
        KafkaMeterNames.Renamed r = KafkaMeterNames.rename(gauge("kafka.producer.io.time.ns.avg"));

        assertThat(r.id().getName()).isEqualTo("kafka.producer.io.time.avg.seconds");
        assertThat(r.id().getBaseUnit()).isEqualTo("seconds");
        assertThat(r.scale()).isEqualTo(1e-9);
        assertThat(exported(r.id())).isEqualTo("kafka_producer_io_time_avg_seconds");
        assertThat(r.id().getTags()).isEqualTo(TAGS.stream().toList());
        assertThat(r.id().getType()).isEqualTo(Meter.Type.GAUGE);
    }

    @Test
    void nanosecondCounter_dropsItsTotal_whichPrometheusPutsBackAfterTheUnit() {
        KafkaMeterNames.Renamed r = KafkaMeterNames.rename(counter("kafka.producer.io.time.ns.total"));

        assertThat(r.id().getName()).isEqualTo("kafka.producer.io.time.seconds");
        assertThat(r.scale()).isEqualTo(1e-9);
        assertThat(exported(r.id())).isEqualTo("kafka_producer_io_time_seconds_total");
        assertThat(exported(KafkaMeterNames.rename(counter("kafka.stream.thread.blocked.time.ns.total")).id()))
                .isEqualTo("kafka_stream_thread_blocked_time_seconds_total");
        assertThat(exported(KafkaMeterNames.rename(counter("kafka.producer.txn.send.offsets.time.ns.total")).id()))
                .isEqualTo("kafka_producer_txn_send_offsets_time_seconds_total");
    }

    @Test
    void millisecondGauges_areExportedInSeconds() {
        KafkaMeterNames.Renamed start = KafkaMeterNames.rename(gauge("kafka.app.info.start.time.ms"));
        KafkaMeterNames.Renamed since = KafkaMeterNames.rename(gauge("kafka.stream.state.oldest.iterator.open.since.ms"));

        assertThat(exported(start.id())).isEqualTo("kafka_app_info_start_time_seconds");
        assertThat(start.scale()).isEqualTo(1e-3);
        assertThat(exported(since.id())).isEqualTo("kafka_stream_state_oldest_iterator_open_since_seconds");
        assertThat(since.scale()).isEqualTo(1e-3);
    }

    @Test
    void microsecondToken_scalesBy1eMinus6() {
        KafkaMeterNames.Renamed r = KafkaMeterNames.rename(gauge("kafka.consumer.poll.us.max"));

        assertThat(exported(r.id())).isEqualTo("kafka_consumer_poll_max_seconds");
        assertThat(r.scale()).isEqualTo(1e-6);
    }

    @Test
    void scaledMeter_saysInItsDescriptionThatItIsInSeconds() {
        Meter.Id id = new Meter.Id("kafka.producer.flush.time.ns.total", TAGS, null,
                "Total time producer has spent in flush in nanoseconds.", Meter.Type.COUNTER);

        assertThat(KafkaMeterNames.rename(id).id().getDescription()).isEqualTo(
                "Total time producer has spent in flush in nanoseconds. (exported in seconds; Kafka reports nanoseconds)");
    }

    @Test
    void countGauges_getNamesWithoutACountSuffix() {
        assertThat(exported(KafkaMeterNames.rename(gauge("kafka.producer.connection.count")).id()))
                .isEqualTo("kafka_producer_connections");
        assertThat(exported(KafkaMeterNames.rename(gauge("kafka.admin.client.connection.count")).id()))
                .isEqualTo("kafka_admin_client_connections");
        assertThat(exported(KafkaMeterNames.rename(gauge("kafka.stream.task.active.buffer.count")).id()))
                .isEqualTo("kafka_stream_task_active_buffered_records");
        assertThat(exported(KafkaMeterNames.rename(gauge("kafka.consumer.widget.count")).id()))
                .isEqualTo("kafka_consumer_widget_size");
        assertThat(KafkaMeterNames.rename(gauge("kafka.producer.connection.count")).scale()).isEqualTo(1.0);
    }

    @Test
    void countCounter_keepsItsName_asPrometheusEndsItInTotal() {
        Meter.Id id = counter("kafka.consumer.fetch.manager.fetch.count");

        assertThat(KafkaMeterNames.rename(id).id().getName()).isEqualTo("kafka.consumer.fetch.manager.fetch.count");
        assertThat(exported(KafkaMeterNames.rename(id).id())).isEqualTo("kafka_consumer_fetch_manager_fetch_count_total");
    }

    @Test
    void kafkaMeterWithoutUnitOrCount_keepsItsName() {
        KafkaMeterNames.Renamed r = KafkaMeterNames.rename(gauge("kafka.producer.request.latency.avg"));

        assertThat(r.id()).isEqualTo(gauge("kafka.producer.request.latency.avg"));
        assertThat(r.id().getBaseUnit()).isNull();
        assertThat(r.id().getDescription()).isEqualTo("Some description");
        assertThat(r.scale()).isEqualTo(1.0);
    }

    @Test
    void otherMeters_areUntouched_evenWithUnitTokensOrACountSuffix() {
        for (Meter.Id id : new Meter.Id[] {
                gauge("streamsim.streams.poll.ms"),
                gauge("jvm.threads.count"),
                new Meter.Id("streamsim.streams.records.dropped", TAGS, null, "", Meter.Type.COUNTER),
                new Meter.Id("other.kafka.io.time.ns.total", TAGS, null, null, Meter.Type.COUNTER)}) {
            KafkaMeterNames.Renamed r = KafkaMeterNames.rename(id);

            assertThat(r.id()).as(id.getName()).isSameAs(id);
            assertThat(r.scale()).as(id.getName()).isEqualTo(1.0);
        }
    }

    @Test
    void meterThatAlreadyHasABaseUnit_orIsNotAGaugeOrCounter_keepsItsUnitToken() {
        Meter.Id withUnit = new Meter.Id("kafka.x.wait.ms", TAGS, "seconds", "d", Meter.Type.GAUGE);
        Meter.Id timer = new Meter.Id("kafka.x.wait.ms", TAGS, null, "d", Meter.Type.TIMER);

        assertThat(KafkaMeterNames.rename(withUnit).id().getName()).isEqualTo("kafka.x.wait.ms");
        assertThat(KafkaMeterNames.rename(withUnit).scale()).isEqualTo(1.0);
        assertThat(KafkaMeterNames.rename(timer).id().getName()).isEqualTo("kafka.x.wait.ms");
        assertThat(KafkaMeterNames.rename(timer).scale()).isEqualTo(1.0);
    }

    @Test
    void blankDescription_isFilled_withOneTextPerName() {
        Meter.Id node1 = new Meter.Id("kafka.producer.node.request.latency.avg",
                Tags.of("client.id", "p", "node.id", "node-1"), null, "", Meter.Type.GAUGE);
        Meter.Id node2 = new Meter.Id("kafka.producer.node.request.latency.avg",
                Tags.of("client.id", "p", "node.id", "node-2"), null, null, Meter.Type.GAUGE);

        String expected = "Kafka client metric kafka.producer.node.request.latency.avg (Kafka gives it no description)";
        assertThat(KafkaMeterNames.rename(node1).id().getDescription()).isEqualTo(expected);
        assertThat(KafkaMeterNames.rename(node2).id().getDescription()).isEqualTo(expected);
        assertThat(KafkaMeterNames.rename(node1).id().getName()).isEqualTo("kafka.producer.node.request.latency.avg");
    }

    @Test
    void filter_remembersTheScaleOfEachScaledName_forAnyTagSet() {
        KafkaMeterNames filter = new KafkaMeterNames();

        Meter.Id mapped = filter.map(gauge("kafka.producer.io.time.ns.avg"));
        Meter.Id unscaled = filter.map(gauge("kafka.producer.connection.count"));

        assertThat(filter.scaleOf(mapped)).isEqualTo(1e-9);
        // Filters after this one (common tags) change the id the registry finally sees; the scale follows the name.
        assertThat(filter.scaleOf(mapped.withTag(io.micrometer.core.instrument.Tag.of("scenario", "s"))))
                .isEqualTo(1e-9);
        assertThat(filter.scaleOf(unscaled)).isEqualTo(1.0);
        assertThat(filter.scaleOf(gauge("streamsim.streams.state"))).isEqualTo(1.0);
    }

    @Test
    void filter_twoKafkaNamesBecomingOneWithDifferentScales_keepsTheSecondAsKafkaNamesIt() {
        KafkaMeterNames filter = new KafkaMeterNames();

        Meter.Id first = filter.map(gauge("kafka.x.wait.ns.avg"));
        Meter.Id second = filter.map(new Meter.Id("kafka.x.wait.ms.avg", TAGS, null, "", Meter.Type.GAUGE));

        assertThat(first.getName()).isEqualTo("kafka.x.wait.avg.seconds");
        assertThat(filter.scaleOf(first)).isEqualTo(1e-9);
        assertThat(second.getName()).isEqualTo("kafka.x.wait.ms.avg");
        assertThat(second.getBaseUnit()).isNull();
        assertThat(second.getDescription()).contains("no description");
        assertThat(filter.scaleOf(second)).isEqualTo(1.0);
    }
}
