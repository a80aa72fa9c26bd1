package io.streamsim.producers;

import io.streamsim.model.ClickEvent;
import io.streamsim.model.Event;
import io.streamsim.model.EventClock;
import io.streamsim.model.EventType;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.scenario.DisorderSpec;
import io.streamsim.model.scenario.EventsSpec;
import io.streamsim.model.scenario.Fault;
import io.streamsim.model.scenario.RateTimeline;
import io.streamsim.model.scenario.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The scenario's event stream, by index: {@link #event(long)} depends only on {@code (scenario.seed(), index,
 * origin)}, so threads can generate disjoint slices in any order and a checker can regenerate any event.
 *
 * <p>Event {@code i} is due at {@code timeline.dueOffsetNanos(i)}; its event time is the scenario's
 * {@link EventClock} at that offset ({@code events.startTime} or {@code origin}, plus {@code due x
 * events.timeScale}), truncated to milliseconds (the resolution of record timestamps), set back by a sampled
 * event-time delay (in whole milliseconds, capped at {@code disorder.maxDelay}) when it is late. Its id is its
 * index.
 *
 * <p>This is the producer's hot path: no regex, formatting, boxing or per-event collections; strings that
 * repeat are precomputed.
 */
public final class EventGenerator {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long MILLIS_PER_SESSION_BUCKET = 30L * 60 * 1000;
    /** Above this, key names are built per event: a table for 10M keys would cost over half a gigabyte. */
    private static final int MAX_PRECOMPUTED_KEY_NAMES = 1 << 20;

    /** A purchase is 2.5% of clicks: rare enough that "viewed twice, then bought" is a question worth asking. */
    private static final String[] ACTIONS = {"view", "click", "scroll", "add_to_cart", "purchase"};
    private static final double[] ACTION_CUMULATIVE = {0.70, 0.90, 0.95, 0.975};
    private static final String[] REFERRERS = {"direct", "search", "social", "email", "ads"};
    private static final double[] REFERRER_CUMULATIVE = {0.35, 0.65, 0.80, 0.88};
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP"};
    private static final double[] CURRENCY_CUMULATIVE = {0.50, 0.85};

    private static final double MEDIAN_DWELL_MILLIS = 8_000;
    private static final double DWELL_SIGMA = 1.0;
    private static final long MAX_DWELL_MILLIS = 10 * 60 * 1000;
    private static final int USERS_PER_KEY = 50;
    private static final int CUSTOMERS_PER_KEY = 20;
    private static final double MEDIAN_UNIT_PRICE_CENTS = 2_500;
    private static final double UNIT_PRICE_SIGMA = 0.8;
    private static final long MAX_UNIT_PRICE_CENTS = 1_000_000;
    private static final int MAX_QUANTITY = 5;
    private static final double ANOTHER_ITEM_PROBABILITY = 0.4;

    private static final int SKUS = 5_000;
    private static final ZipfKeys SKU_SAMPLER = new ZipfKeys(SKUS, 1.0);
    private static final String[] SKU_NAMES = new String[SKUS];

    static {
        for (int i = 0; i < SKUS; i++) {
            SKU_NAMES[i] = "sku-" + i;
        }
    }

    private final RateTimeline timeline;
    private final long seed;
    private final EventClock clock;
    private final EventType type;
    private final KeySampler keys;
    private final String keyPrefix;
    private final int keyWidth;
    private final String[] keyNames;
    private final double lateFraction;
    private final DelaySampler delays;
    private final double duplicateFraction;
    private final double poisonFraction;
    /** Salts the poison draw's random source, so it is independent of the event's own. */
    private static final long POISON_SALT = 0x706F69736F6E4CL;
    /** Salts a backfill's random source, so backfilled events are drawn apart from the live ones. */
    private static final long BACKFILL_SALT = 0x6261636B66696C6CL;
    private final int shards;
    private final List<Fault.ClockSkew> skews;
    private final int users;
    private final int customers;

    public EventGenerator(Scenario scenario, Instant origin) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(origin, "origin");
        EventsSpec events = scenario.events();
        DisorderSpec disorder = scenario.disorder();
        this.timeline = scenario.timeline();
        this.seed = scenario.seed();
        this.clock = EventClock.of(events, origin);
        this.type = events.type();
        this.keys = KeySampler.of(events.keyDistribution(), events.keys());
        this.keyPrefix = type.keyPrefix();
        this.keyWidth = Integer.toString(events.keys() - 1).length();
        if (events.keys() <= MAX_PRECOMPUTED_KEY_NAMES) {
            keyNames = new String[events.keys()];
            for (int k = 0; k < keyNames.length; k++) {
                keyNames[k] = keyName(keyPrefix, keyWidth, k);
            }
        } else {
            keyNames = null;
        }
        this.lateFraction = disorder.lateFraction();
        this.delays = DelaySampler.of(disorder.delay(), disorder.maxDelay());
        this.duplicateFraction = scenario.dirt().duplicateFraction();
        this.poisonFraction = scenario.dirt().poisonFraction();
        this.shards = scenario.producer().threads();
        this.skews = scenario.faults().stream().filter(f -> f instanceof Fault.ClockSkew)
                .map(f -> (Fault.ClockSkew) f).toList();
        this.users = (int) Math.min(Integer.MAX_VALUE, (long) USERS_PER_KEY * events.keys());
        this.customers = (int) Math.min(Integer.MAX_VALUE, (long) CUSTOMERS_PER_KEY * events.keys());
    }

    /** The rate timeline the due times come from (resolved once). */
    public RateTimeline timeline() {
        return timeline;
    }

    /** Event time as a function of the wall offset from the start of the load. */
    public EventClock clock() {
        return clock;
    }

    /** Events in the stream: indices run from 0 to {@code totalEvents() - 1}. */
    public long totalEvents() {
        return timeline.totalEvents();
    }

    /** The key name of key index {@code index}, e.g. {@code page-0042} with 2000 keys. */
    public String keyName(int index) {
        return keyNames != null ? keyNames[index] : keyName(keyPrefix, keyWidth, index);
    }

    /**
     * The seed of event {@code index}'s random source: SplitMix64's finalizer applied twice, so that
     * neighbouring indices (and seeds) give unrelated streams rather than shifted copies of one another.
     */
    public static long mix(long seed, long index) {
        return mix64(mix64(seed) + index * GOLDEN_GAMMA);
    }

    /**
     * @throws IndexOutOfBoundsException when {@code index} is not in {@code [0, totalEvents())}
     */
    public GeneratedEvent event(long index) {
        long due = timeline.dueOffsetNanos(index);
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        long eventMillis = clock.epochMillisAt(due);
        boolean late = random.nextDouble() < lateFraction;
        if (late) {
            eventMillis -= delays.nextNanos(random) / 1_000_000;
        }
        boolean duplicated = random.nextDouble() < duplicateFraction;
        eventMillis += skewMillis(index, due);
        String key = keyName(keys.next(random));
        Instant eventTime = Instant.ofEpochMilli(eventMillis);
        Event event = type == EventType.ORDERS
                ? order(index, eventTime, key, random)
                : click(index, eventTime, eventMillis, key, random);
        return new GeneratedEvent(event, due, late, duplicated, poisonFollows(index));
    }

    /**
     * A historical event for a backfill: id {@code id}, event time {@code eventMillis}, key and payload drawn as the
     * live stream's are (same event type and key distribution) from a random source of its own, seeded by the
     * scenario seed and {@code id}, so a backfill is the same on every run. No disorder, duplicates or poison.
     */
    public Event historicalEvent(long id, long eventMillis) {
        SplittableRandom random = new SplittableRandom(mix(seed ^ BACKFILL_SALT, id));
        String key = keyName(keys.next(random));
        Instant eventTime = Instant.ofEpochMilli(eventMillis);
        return type == EventType.ORDERS
                ? order(id, eventTime, key, random)
                : click(id, eventTime, eventMillis, key, random);
    }

    /**
     * The event time of the live stream at timeline offset {@code dueOffsetNanos}: what an on-time event due then
     * carries (before disorder and clock skew). Things that happen "now" in event time (a reference table update)
     * take their timestamps from here, so they stay on the events' clock, compressed or historical.
     */
    public Instant eventTimeAt(long dueOffsetNanos) {
        return Instant.ofEpochMilli(clock.epochMillisAt(dueOffsetNanos));
    }

    /**
     * A clock skew fault shifts the event times of one producer shard (events {@code index % threads == shard},
     * the ones that shard's thread sends) that fall due within the fault's span (a wall-clock span) by its offset
     * (an event-time shift, like disorder delays): part of the stream, so the same scenario gives the same skewed
     * events whenever the fault is applied.
     */
    private long skewMillis(long index, long dueOffsetNanos) {
        if (skews.isEmpty()) {
            return 0;
        }
        long shift = 0;
        for (Fault.ClockSkew s : skews) {
            long from = s.at().toNanos();
            if (index % shards == s.shard() && dueOffsetNanos >= from && dueOffsetNanos < from + s.lasting().toNanos()) {
                shift += s.offset().toMillis();
            }
        }
        return shift;
    }

    /**
     * Whether an undecodable record follows event {@code index} (dirt.poisonFraction), drawn from a random source
     * of its own so that adding poison leaves every event as it was.
     */
    private boolean poisonFollows(long index) {
        return poisonFraction > 0 && new SplittableRandom(mix(seed ^ POISON_SALT, index)).nextDouble() < poisonFraction;
    }

    private ClickEvent click(long index, Instant eventTime, long eventMillis, String page, SplittableRandom random) {
        int user = random.nextInt(users);
        long bucket = Math.floorDiv(eventMillis, MILLIS_PER_SESSION_BUCKET);
        // A user's clicks within one 30-minute bucket share a session, whichever producer thread sends them.
        String sessionId = "s-" + Long.toHexString(mix64(user * GOLDEN_GAMMA + bucket));
        String action = pick(ACTIONS, ACTION_CUMULATIVE, random.nextDouble());
        String referrer = pick(REFERRERS, REFERRER_CUMULATIVE, random.nextDouble());
        long dwell = Math.min(MAX_DWELL_MILLIS,
                Math.round(MEDIAN_DWELL_MILLIS * Math.exp(DWELL_SIGMA * random.nextGaussian())));
        return new ClickEvent(index, eventTime, page, "u-" + user, sessionId, action, referrer, dwell);
    }

    private OrderEvent order(long index, Instant eventTime, String seller, SplittableRandom random) {
        String customer = "c-" + random.nextInt(customers);
        String sku = SKU_NAMES[SKU_SAMPLER.next(random)];
        int quantity = 1;
        while (quantity < MAX_QUANTITY && random.nextDouble() < ANOTHER_ITEM_PROBABILITY) {
            quantity++;
        }
        long unitPrice = Math.max(1, Math.min(MAX_UNIT_PRICE_CENTS,
                Math.round(MEDIAN_UNIT_PRICE_CENTS * Math.exp(UNIT_PRICE_SIGMA * random.nextGaussian()))));
        String currency = pick(CURRENCIES, CURRENCY_CUMULATIVE, random.nextDouble());
        return new OrderEvent(index, eventTime, seller, "o-" + Long.toHexString(index), customer, sku, quantity,
                unitPrice * quantity, currency);
    }

    /** {@code cumulative} holds the upper bounds of all choices but the last. */
    private static String pick(String[] choices, double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return choices[i];
            }
        }
        return choices[choices.length - 1];
    }

    static String keyName(String prefix, int width, int index) {
        int p = prefix.length();
        char[] chars = new char[p + 1 + width];
        prefix.getChars(0, p, chars, 0);
        chars[p] = '-';
        int value = index;
        for (int i = chars.length - 1; i > p; i--) {
            chars[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return new String(chars);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
