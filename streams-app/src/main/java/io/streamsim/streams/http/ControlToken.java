package io.streamsim.streams.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A shared secret that a control request must carry in {@value #HEADER}: the simulator makes one per run and
 * hands it to the app instances it starts (in their environment, which other users cannot read, unlike a
 * command line), so that another local process or a web page cannot drive them. Its {@link #toString()} never
 * shows the secret, so a logged launch config does not leak it.
 */
public final class ControlToken {

    public static final String HEADER = "X-Streamsim-Token";
    /** 256 bits: no guess within the life of a run. */
    private static final int RANDOM_BYTES = 32;
    private static final int MIN_LENGTH = 16;

    private final byte[] value;

    private ControlToken(String value) {
        this.value = value.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh token of 32 random bytes, base64url without padding (43 characters). */
    public static ControlToken random(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new ControlToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * A token given by the user or a launching process.
     *
     * @throws IllegalArgumentException when shorter than 16 characters or not printable ASCII (a header value)
     */
    public static ControlToken of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a control token needs at least " + MIN_LENGTH + " characters, had "
                    + value.length());
        }
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a control token is printable ASCII without spaces");
        }
        return new ControlToken(value);
    }

    /** The secret, to put into a request's {@value #HEADER} or a child's environment. */
    public String value() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** Whether {@code presented} is this token; in constant time, so timing tells nothing about a near miss. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ControlToken[hidden]";
    }
}
