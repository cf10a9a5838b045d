package org.geokg.federation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Which remote SPARQL endpoints a {@code SERVICE} clause may reach, and how.
 *
 * <ul>
 * <li>{@code allowed}: the SERVICE IRIs a query may name, compared exactly (no prefixes, no
 * wildcards). Anything else is refused before a single byte leaves the machine. Default: Wikidata's
 * query service, {@value #WIKIDATA}.</li>
 * <li>{@code overrides}: an allowed SERVICE IRI may be sent to another URL instead, for tests and
 * offline mirrors. Only the operator sets these (system property {@value #OVERRIDE_PROPERTY} or
 * environment variable {@value #OVERRIDE_ENV}), so their targets are trusted; a query can never
 * name a target directly.</li>
 * <li>{@code userAgent}: the User-Agent of every outgoing SERVICE request, as Wikidata's
 * User-Agent policy asks: the project's name, version and a URL to reach it.</li>
 * <li>{@code timeout}: the longest a single SERVICE request may take (connecting and reading).</li>
 * </ul>
 *
 * <p>From the environment ({@link #fromEnvironment()}); system properties win over variables:
 * <pre>
 *   kg.service.allow    / KG_SERVICE_ALLOW      IRI[,IRI...]         replaces the allow-list
 *   kg.service.override / KG_SERVICE_OVERRIDE   IRI=URL[,IRI=URL...] e.g.
 *        https://query.wikidata.org/sparql=http://127.0.0.1:3031/wd/sparql
 * </pre>
 */
public record FederationSettings(Set<String> allowed, Map<String, String> overrides, String userAgent,
                                 Duration timeout) {

    public static final String WIKIDATA = "https://query.wikidata.org/sparql";
    public static final String USER_AGENT =
            "geokg/0.1 (knowledge-graph backend; https://w3id.org/geokg) Apache-Jena/5.6.0";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public static final String ALLOW_PROPERTY = "kg.service.allow";
    public static final String ALLOW_ENV = "KG_SERVICE_ALLOW";
    public static final String OVERRIDE_PROPERTY = "kg.service.override";
    public static final String OVERRIDE_ENV = "KG_SERVICE_OVERRIDE";

    public FederationSettings {
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(timeout, "timeout");
        if (userAgent.isBlank()) throw new IllegalArgumentException("the User-Agent must not be empty");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("the SERVICE timeout must be positive");
        for (String a : allowed) checkHttpUrl(a, "allowed SERVICE IRI");
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            checkHttpUrl(e.getValue(), "override target");
            if (!allowed.contains(e.getKey()))
                throw new IllegalArgumentException("override for " + e.getKey()
                        + ", which is not on the SERVICE allow-list " + allowed);
        }
        allowed = Collections.unmodifiableSet(new LinkedHashSet<>(allowed));
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** Wikidata only, no override, the project's User-Agent, 30 s. */
    public static FederationSettings defaults() {
        return new FederationSettings(Set.of(WIKIDATA), Map.of(), USER_AGENT, DEFAULT_TIMEOUT);
    }

    /** The defaults, changed by {@code kg.service.allow}/{@code KG_SERVICE_ALLOW} and {@code kg.service.override}/{@code KG_SERVICE_OVERRIDE}. */
    public static FederationSettings fromEnvironment() {
        return fromEnvironment(System::getProperty, System::getenv);
    }

    static FederationSettings fromEnvironment(UnaryOperator<String> properties, UnaryOperator<String> env) {
        FederationSettings s = defaults();
        String allow = firstNonBlank(properties.apply(ALLOW_PROPERTY), env.apply(ALLOW_ENV));
        if (allow != null) s = s.withAllowed(parseList(allow));
        String override = firstNonBlank(properties.apply(OVERRIDE_PROPERTY), env.apply(OVERRIDE_ENV));
        if (override != null) s = s.withOverrides(parseOverrides(override));
        return s;
    }

    public FederationSettings withAllowed(Set<String> iris) {
        Map<String, String> kept = new LinkedHashMap<>(overrides);
        kept.keySet().retainAll(iris);
        return new FederationSettings(iris, kept, userAgent, timeout);
    }

    /** Adds (or replaces) overrides; each key must already be on the allow-list. */
    public FederationSettings withOverrides(Map<String, String> more) {
        Map<String, String> m = new LinkedHashMap<>(overrides);
        m.putAll(more);
        return new FederationSettings(allowed, m, userAgent, timeout);
    }

    public FederationSettings withOverride(String serviceIri, String targetUrl) {
        return withOverrides(Map.of(serviceIri, targetUrl));
    }

    public FederationSettings withUserAgent(String ua) {
        return new FederationSettings(allowed, overrides, ua, timeout);
    }

    public FederationSettings withTimeout(Duration t) {
        return new FederationSettings(allowed, overrides, userAgent, t);
    }

    public boolean isAllowed(String serviceIri) { return allowed.contains(serviceIri); }

    /** Where a request for an allowed SERVICE IRI really goes. */
    public String target(String serviceIri) { return overrides.getOrDefault(serviceIri, serviceIri); }

    /** {@code IRI=URL[,IRI=URL...]}; whitespace around items is ignored. */
    public static Map<String, String> parseOverrides(String spec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String item : spec.split("[,\\s]+")) {
            if (item.isBlank()) continue;
            // The IRI itself contains no '=' (the allow-list has plain endpoint IRIs); split at the first.
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1)
                throw new IllegalArgumentException("bad SERVICE override '" + item
                        + "': expected IRI=URL, e.g. " + WIKIDATA + "=http://127.0.0.1:3031/wd/sparql");
            m.put(item.substring(0, eq), item.substring(eq + 1));
        }
        return m;
    }

    static Set<String> parseList(String spec) {
        Set<String> s = new LinkedHashSet<>();
        for (String item : spec.split("[,\\s]+")) if (!item.isBlank()) s.add(item);
        return s;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) return a.trim();
        if (b != null && !b.isBlank()) return b.trim();
        return null;
    }

    private static void checkHttpUrl(String s, String what) {
        try {
            URI u = new URI(s);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null || u.getRawUserInfo() != null || u.getRawFragment() != null)
                throw new IllegalArgumentException(what + " must be a plain http(s) URL: " + s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a URL: " + s, e);
        }
    }
}
