package io.unitrouter.nacos;

import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.config.ConfigType;
import com.alibaba.nacos.api.config.listener.Listener;
import com.alibaba.nacos.api.exception.NacosException;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.spi.AbstractRuleStore;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.spi.AppliedEpochFormat;
import io.unitrouter.core.spi.RuleStoreException;
import io.unitrouter.core.store.LastGoodCopy;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A rule store on a Nacos configuration server: the rule document is one Nacos config, identified by a
 * data id and a group, in YAML or JSON.
 *
 * <ul>
 *   <li><b>Start.</b> {@link Builder#build()} first registers a Nacos {@link Listener} for the data id, then
 *       reads it with {@link ConfigService#getConfig}. The order matters: the listener is registered even
 *       when the server cannot be reached (the Nacos client's {@code getConfigAndSignListener} would throw
 *       before registering it), so the store hears the document as soon as the server is back.</li>
 *   <li><b>Changes.</b> Every document the server pushes is validated; a valid one with a higher epoch goes
 *       in force, anything else is reported as a rejection and the last good document stays. The one
 *       exception is a push that arrives late: a document older than the one in force that the server no longer
 *       holds (typically this store's own publish, heard back after a newer one) is ignored.</li>
 *   <li><b>Local snapshot.</b> Every document put in force is written to
 *       {@code <snapshot-dir>/<group>@<dataId>.yaml} (a temporary file, then an atomic rename). If the
 *       server is unreachable, holds no document, or holds an invalid one at start, the store starts from
 *       that snapshot and reports the server's problem as a rejection. {@link #load()} throws only when
 *       there is neither a valid document on the server nor a valid snapshot.</li>
 *   <li><b>Compare-and-set.</b> {@link #compareAndSet} reads the document on the server, checks its epoch,
 *       and publishes with {@link ConfigService#publishConfigCas} on the MD5 of what it read, so a change
 *       made by anyone in between makes the publish fail, and of several publishers exactly one wins.</li>
 *   <li><b>Applied epochs.</b> Each instance's report is its own config, data id
 *       {@code <dataId>.applied.<instance key>} in the same group, in
 *       {@link io.unitrouter.core.spi.AppliedEpochFormat} (properties text), rewritten at every heartbeat. The config
 *       {@code <dataId>.applied} lists the instance keys, one a line; an instance adds itself with
 *       compare-and-set (at most {@value #INDEX_ATTEMPTS} attempts). The Nacos config API cannot list data
 *       ids, hence the index. The instance key is the instance id with every character Nacos does not allow
 *       in a data id (and {@code _}) written as {@code _} and two hex digits per UTF-8 byte. A heartbeat
 *       reads the index only every {@link #INDEX_RECHECK}. {@link #pruneAppliedEpochs} deletes reports of
 *       instances that stopped long ago and takes them out of the index.</li>
 * </ul>
 *
 * <p>The Nacos client calls the listener on its own notification thread. The store neither creates nor
 * shuts down the {@link ConfigService}; {@link #close()} only removes its listener.
 *
 * <p>Thread-safe: offers are serialized by {@link AbstractRuleStore}; compare-and-set and the applied-epoch
 * index rely on the server's MD5 compare-and-set, so several threads, store instances and processes may
 * share one data id.
 */
public final class NacosRuleStore extends AbstractRuleStore {

    /** The group when none is given: {@value}. */
    public static final String DEFAULT_GROUP = "UNIT_ROUTER";

    /** How long to wait for the server when none is given: 3 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /** How many times an instance tries to add itself to the applied-epoch index: {@value}. */
    public static final int INDEX_ATTEMPTS = 5;

    /** How long an instance trusts that it is listed in the applied-epoch index before reading it again: 10 s. */
    public static final Duration INDEX_RECHECK = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(NacosRuleStore.class.getName());
    private static final String DOWN = "DOWN";
    private static final String INDEX_SUFFIX = ".applied";
    private static final String ALLOWED_PUNCTUATION = "-_.:";
    private static final String EMPTY_MD5 = md5Hex("");

    private final ConfigService configService;
    private final String dataId;
    private final String group;
    private final String server;
    private final long timeoutMillis;
    private final LastGoodCopy snapshot;
    private final String source;
    private final Listener listener = new PushListener();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Makes a push's look at the epoch in force and its offer one step, as against this store's own publish. */
    private final Object takeLock = new Object();
    private final Map<String, Long> indexChecked = new ConcurrentHashMap<>();

    private NacosRuleStore(Builder builder) {
        super(name(builder));
        this.configService = builder.configService;
        this.dataId = builder.dataId;
        this.group = builder.group;
        this.server = builder.serverAddr;
        this.timeoutMillis = builder.timeout.toMillis();
        this.source = "nacos:" + group + "/" + dataId + "@" + server;
        // Forced to disk: unlike the file store's copy, it is the only local trace of the rules.
        this.snapshot = LastGoodCopy.at(builder.snapshotDirectory.resolve(group + "@" + dataId + ".yaml"), name())
                .forcedToDisk();
    }

    private static String name(Builder builder) {
        return "nacos:" + builder.dataId + " (group " + builder.group + ", server " + builder.serverAddr
                + (builder.namespace.isEmpty() ? "" : ", namespace " + builder.namespace) + ")";
    }

    /**
     * A builder for a store on {@code dataId} read through {@code configService}.
     *
     * @param configService the Nacos client; the caller creates and shuts it down
     * @param dataId the data id of the rule document
     * @return a builder with the defaults: group {@value #DEFAULT_GROUP}, timeout 3 s, snapshots in
     *     {@code unit-router-nacos} under the system temporary directory
     */
    public static Builder builder(ConfigService configService, String dataId) {
        return new Builder(configService, dataId);
    }

    /** The data id of the rule document. */
    public String dataId() {
        return dataId;
    }

    /** The Nacos group of the rule document and of the applied-epoch reports. */
    public String group() {
        return group;
    }

    /** Where the last good document is kept: {@code <snapshot-dir>/<group>@<dataId>.yaml}. */
    public Path snapshotFile() {
        return snapshot.file();
    }

    /** The data id of the applied-epoch index: {@code <dataId>.applied}. */
    public String appliedIndexDataId() {
        return dataId + INDEX_SUFFIX;
    }

    /**
     * The data id of one instance's applied-epoch report: {@code <dataId>.applied.<instance key>}.
     *
     * @param instanceId the instance id
     * @return the data id
     * @throws IllegalArgumentException if the instance id is empty
     */
    public String appliedDataId(String instanceId) {
        return dataId + INDEX_SUFFIX + "." + instanceKey(instanceId);
    }

    private void start() {
        try {
            configService.addListener(dataId, group, listener);
        } catch (NacosException e) {
            throw new RuleStoreException(name(), "cannot register a listener for data id " + dataId + " in group "
                    + group + " on Nacos server " + server + ": " + describe(e), e);
        }
        String serverProblem = null;
        try {
            String text = configService.getConfig(dataId, group, timeoutMillis);
            if (text == null || text.isBlank()) {
                serverProblem = "data id " + dataId + " in group " + group + " does not exist on Nacos server "
                        + server + ", or the server is unreachable and the Nacos client has no copy of it";
            } else {
                offer(text, source);
            }
        } catch (NacosException e) {
            serverProblem = "cannot read data id " + dataId + " in group " + group + " from Nacos server " + server
                    + ": " + describe(e);
        } catch (RuntimeException e) {
            // A client failure must not keep the service from starting on its snapshot.
            LOG.log(Level.WARNING, name() + ": the Nacos client failed reading data id " + dataId, e);
            serverProblem = "cannot read data id " + dataId + " in group " + group + " from Nacos server " + server
                    + ": " + e;
        }
        if (current().isPresent()) {
            return;
        }
        String snapshotProblem = null;
        try {
            if (snapshot.read().isEmpty()) {
                snapshotProblem = "there is no local snapshot at " + snapshot.file();
            }
        } catch (IOException e) {
            snapshotProblem = "the local snapshot " + snapshot.file() + " cannot be read: " + e;
        }
        if (serverProblem != null) {
            reject(new RuleRejection(source, -1, List.of(serverProblem + "; " + (snapshotProblem == null
                    ? "starting from the local snapshot " + snapshot.file() : snapshotProblem)), Instant.now()));
        } else if (snapshotProblem != null) {
            LOG.log(Level.WARNING, name() + ": the document on the server is invalid and " + snapshotProblem);
        }
        if (snapshotProblem == null) {
            try {
                snapshot.restore((text, from) -> offer(text, from).isPresent(),
                        "the server delivers a valid document");
            } catch (IOException e) {
                LOG.log(Level.WARNING, name() + ": the local snapshot " + snapshot.file() + " cannot be read", e);
            }
        }
    }

    /**
     * Keeps the document as the local snapshot, before the listeners hear of it: the snapshot is the only local
     * trace of the rules, so it is written before anything acts on them. A failure is logged; the document stays
     * in force.
     */
    @Override
    protected void accepted(RuleDocument document, String text) {
        snapshot.keep(document, text);
    }

    /**
     * Publishes {@code next} as YAML if the document on the server still has {@code expectedEpoch}. When the
     * server holds no document, or an invalid one, the epoch in force in this store counts as the server's.
     * The publish is a Nacos compare-and-set on the MD5 of the content read, so it fails if anyone changed
     * the document in between. After a win the document is put in force here at once, before the server's
     * push arrives.
     *
     * @return {@code true} if published; {@code false} if the epoch on the server was not
     *     {@code expectedEpoch}, or the document changed between the read and the publish
     * @throws RuleValidationException if {@code next.epoch()} is not greater than {@code expectedEpoch}
     * @throws RuleStoreException if the server cannot be reached or refuses the request (the message names the
     *     data id, the group and the server)
     */
    @Override
    public boolean compareAndSet(long expectedEpoch, RuleDocument next) {
        String action = "publish epoch " + next.epoch() + " to data id " + dataId + " in group " + group;
        if (closed.get()) {
            throw new RuleStoreException(name(), "cannot " + action + ": the store is closed", null);
        }
        checkNextEpoch(expectedEpoch, next);
        requireServerUp(action);
        String text = RuleDocuments.toYaml(next);
        boolean published;
        try {
            String onServer = configService.getConfig(dataId, group, timeoutMillis);
            long epoch = epochOf(onServer);
            if (epoch != expectedEpoch) {
                LOG.log(Level.INFO, () -> name() + ": compare-and-set to epoch " + next.epoch() + " lost: expected "
                        + expectedEpoch + " but " + epoch + " is on the server");
                return false;
            }
            published = configService.publishConfigCas(dataId, group, text,
                    onServer == null ? EMPTY_MD5 : md5Hex(onServer), ConfigType.YAML.getType());
        } catch (NacosException e) {
            throw new RuleStoreException(name(), "cannot " + action + " on Nacos server " + server + ": "
                    + describe(e), e);
        }
        if (!published) {
            // The Nacos client also answers false when the request did not get through.
            requireServerUp(action);
            LOG.log(Level.INFO, () -> name() + ": compare-and-set to epoch " + next.epoch() + " lost: data id "
                    + dataId + " changed on the server between the read and the publish");
            return false;
        }
        synchronized (takeLock) {
            offer(text, source);
        }
        return true;
    }

    /** The epoch of the server's document; the epoch in force here if it holds none or an invalid one. */
    private long epochOf(String onServer) {
        if (onServer != null && !onServer.isBlank()) {
            try {
                return RuleDocuments.parse(onServer, source).epoch();
            } catch (RuleValidationException e) {
                // An invalid document is not in force; the last good one is.
            }
        }
        return current().map(RuleDocument::epoch).orElse(-1L);
    }

    /**
     * Stores the report as the config {@code <dataId>.applied.<instance key>}, and adds the instance to the
     * index {@code <dataId>.applied} if it is not listed yet.
     *
     * @throws IllegalArgumentException if the instance id is empty
     * @throws RuleStoreException if the server cannot be written, or the index kept changing under
     *     {@value #INDEX_ATTEMPTS} attempts (the report itself is stored then; the next report tries again)
     */
    @Override
    public void reportApplied(AppliedEpoch applied) {
        String reportId = appliedDataId(applied.instanceId());
        String action = "record the applied epoch of " + applied.instanceId() + " as data id " + reportId
                + " in group " + group;
        try {
            if (!configService.publishConfig(reportId, group, AppliedEpochFormat.format(applied),
                    ConfigType.PROPERTIES.getType())) {
                throw new RuleStoreException(name(), "cannot " + action + ": Nacos server " + server
                        + " did not accept the publish", null);
            }
            addToIndex(instanceKey(applied.instanceId()), applied.instanceId());
        } catch (NacosException e) {
            throw new RuleStoreException(name(), "cannot " + action + " on Nacos server " + server + ": "
                    + describe(e), e);
        }
    }

    /**
     * Adds the instance to the index, unless this store saw it listed there within the last
     * {@link #INDEX_RECHECK}: heartbeats then cost one publish each, and an instance whose entry was pruned
     * while it was silent lists itself again within that time.
     */
    private void addToIndex(String key, String instanceId) throws NacosException {
        Long checked = indexChecked.get(key);
        if (checked != null && System.nanoTime() - checked < INDEX_RECHECK.toNanos()) {
            return;
        }
        updateIndex(keys -> keys.add(key), "add " + instanceId + " to");
        indexChecked.put(key, System.nanoTime());
    }

    /**
     * Changes the index with compare-and-set, retrying when another instance changed it in between.
     *
     * @param change edits the keys; returns whether it changed anything
     * @param what for the message, e.g. {@code add rz01@h#1 to}
     */
    private void updateIndex(Predicate<TreeSet<String>> change, String what) throws NacosException {
        String indexId = appliedIndexDataId();
        for (int attempt = 1; attempt <= INDEX_ATTEMPTS; attempt++) {
            String index = configService.getConfig(indexId, group, timeoutMillis);
            TreeSet<String> keys = parseIndex(index);
            if (!change.test(keys)) {
                return;
            }
            StringBuilder text = new StringBuilder("# instances reporting applied epochs of ").append(dataId)
                    .append("; maintained by unit-router\n");
            keys.forEach(k -> text.append(k).append('\n'));
            if (configService.publishConfigCas(indexId, group, text.toString(),
                    index == null ? EMPTY_MD5 : md5Hex(index), ConfigType.TEXT.getType())) {
                return;
            }
            requireServerUp(what + " the applied-epoch index " + indexId + " in group " + group);
            pauseBeforeRetry(attempt);
        }
        throw new RuleStoreException(name(), "could not " + what + " the applied-epoch index data id " + indexId
                + " in group " + group + " on Nacos server " + server + " in " + INDEX_ATTEMPTS
                + " attempts: other instances kept changing it; the next report or prune tries again", null);
    }

    private void pauseBeforeRetry(int attempt) {
        try {
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(1, 20L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuleStoreException(name(), "interrupted while updating the applied-epoch index "
                    + appliedIndexDataId(), e);
        }
    }

    /**
     * Reads the index {@code <dataId>.applied}, then each listed report. Reports that were removed are
     * skipped; unreadable ones are logged and skipped.
     *
     * @throws RuleStoreException if the server cannot be reached or read
     */
    @Override
    public Map<String, AppliedEpoch> appliedEpochs() {
        requireServerUp("read the applied epochs of data id " + dataId + " in group " + group);
        Map<String, AppliedEpoch> result = new HashMap<>();
        String indexId = appliedIndexDataId();
        try {
            for (String key : parseIndex(configService.getConfig(indexId, group, timeoutMillis))) {
                String reportId = dataId + INDEX_SUFFIX + "." + key;
                String text = configService.getConfig(reportId, group, timeoutMillis);
                if (text == null || text.isBlank()) {
                    continue;
                }
                try {
                    AppliedEpoch applied = AppliedEpochFormat.parse(text, decodeKey(key));
                    result.put(applied.instanceId(), applied);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, name() + ": ignoring unreadable applied-epoch report " + reportId, e);
                }
            }
        } catch (NacosException e) {
            throw new RuleStoreException(name(), "cannot read the applied epochs (index data id " + indexId
                    + " in group " + group + ") from Nacos server " + server + ": " + describe(e), e);
        }
        return result;
    }

    /**
     * Deletes the reports last heard of before {@code olderThan} (and index entries whose report is gone), then
     * removes them from the index. A report is read again just before it is deleted, so an instance that came
     * back in between keeps its report.
     *
     * @throws RuleStoreException if the server cannot be reached, read or written
     */
    @Override
    public int pruneAppliedEpochs(Instant olderThan) {
        requireServerUp("prune the applied epochs of data id " + dataId + " in group " + group);
        String indexId = appliedIndexDataId();
        TreeSet<String> gone = new TreeSet<>();
        int pruned = 0;
        try {
            for (String key : parseIndex(configService.getConfig(indexId, group, timeoutMillis))) {
                String reportId = dataId + INDEX_SUFFIX + "." + key;
                if (isMissingOrOlder(reportId, key, olderThan)) {
                    if (configService.getConfig(reportId, group, timeoutMillis) != null) {
                        configService.removeConfig(reportId, group);
                        pruned++;
                        LOG.log(Level.INFO, () -> name() + ": pruned the applied-epoch report " + reportId);
                    }
                    gone.add(key);
                }
            }
            if (!gone.isEmpty()) {
                updateIndex(keys -> keys.removeAll(gone), "remove " + gone.size() + " stopped instances from");
                gone.forEach(indexChecked::remove);
            }
        } catch (NacosException e) {
            throw new RuleStoreException(name(), "cannot prune the applied epochs (index data id " + indexId
                    + " in group " + group + ") on Nacos server " + server + ": " + describe(e), e);
        }
        return pruned;
    }

    private boolean isMissingOrOlder(String reportId, String key, Instant olderThan) throws NacosException {
        String text = configService.getConfig(reportId, group, timeoutMillis);
        if (text == null || text.isBlank()) {
            return true;
        }
        try {
            return AppliedEpochFormat.parse(text, decodeKey(key)).heartbeat().isBefore(olderThan);
        } catch (IllegalArgumentException e) {
            // Unreadable: leave it for an operator to look at.
            return false;
        }
    }

    /** Removes the listener; the {@link ConfigService} stays open. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            configService.removeListener(dataId, group, listener);
        }
    }

    private void requireServerUp(String action) {
        if (DOWN.equalsIgnoreCase(configService.getServerStatus())) {
            throw new RuleStoreException(name(), "cannot " + action + ": the Nacos client reports server " + server
                    + " as " + DOWN, null);
        }
    }

    private static TreeSet<String> parseIndex(String index) {
        TreeSet<String> keys = new TreeSet<>();
        if (index != null) {
            index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(keys::add);
        }
        return keys;
    }

    /**
     * The instance id as a data id suffix: letters, digits, {@code -}, {@code .} and {@code :} stay; every
     * other character's UTF-8 bytes become {@code _xx} (lowercase hex). Different ids give different keys.
     */
    static String instanceKey(String instanceId) {
        if (instanceId.isEmpty()) {
            throw new IllegalArgumentException("the instance id is empty");
        }
        StringBuilder key = new StringBuilder();
        for (byte b : instanceId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && c != '_' && isAllowed(c)) {
                key.append(c);
            } else {
                key.append('_').append(HexFormat.of().toHexDigits(b));
            }
        }
        return key.toString();
    }

    private static String decodeKey(String key) {
        byte[] bytes = new byte[key.length()];
        int n = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_' && i + 2 < key.length()) {
                bytes[n++] = (byte) HexFormat.fromHexDigits(key, i + 1, i + 3);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
    }

    private static void checkKey(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the Nacos " + what + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isAllowed(value.charAt(i))) {
                throw new IllegalArgumentException("the Nacos " + what + " '" + value + "' contains '"
                        + value.charAt(i) + "'; Nacos allows letters, digits and " + ALLOWED_PUNCTUATION);
            }
        }
    }

    /** The MD5 of the UTF-8 text as 32 lowercase hex digits, as Nacos computes it for compare-and-set. */
    static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    private static String describe(NacosException e) {
        return "Nacos error " + e.getErrCode() + " (" + e.getErrMsg() + ")";
    }

    /** Hears the server's pushes; the Nacos client calls it on its notification thread. */
    private final class PushListener implements Listener {

        @Override
        public Executor getExecutor() {
            return null;
        }

        @Override
        public void receiveConfigInfo(String text) {
            if (closed.get()) {
                return;
            }
            try {
                if (text == null || text.isBlank()) {
                    reject(new RuleRejection(source, -1, List.of("data id " + dataId + " in group " + group
                            + " was removed or emptied on Nacos server " + server), Instant.now()));
                } else {
                    take(text);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, name() + ": could not take the document pushed for data id " + dataId, e);
            }
        }

        /**
         * Offers a pushed document, unless it is older than the one in force and the server no longer holds
         * it. The Nacos client may deliver the push of a publish (this store's own compare-and-set among them)
         * after a newer document is already in force here: that is no one's mistake, and reporting it as a
         * rejection made every quick succession of publishes look like a failure. An older document the server
         * still holds was published by someone, and is rejected as before; so is one when the server cannot be
         * asked. The server is asked only for an older document, which is rare.
         */
        private void take(String text) {
            if (isInForce(text)) {
                return;
            }
            RuleDocument document;
            try {
                document = RuleDocuments.parse(text, source);
            } catch (RuleValidationException e) {
                reject(RuleRejection.of(e, -1));
                return;
            }
            synchronized (takeLock) {
                if (isInForce(text)) {
                    return;
                }
                long inForce = current().map(RuleDocument::epoch).orElse(-1L);
                if (document.epoch() < inForce && supersededOnServer(text)) {
                    LOG.log(Level.DEBUG, () -> name() + ": ignoring a late push of epoch " + document.epoch()
                            + "; the server holds a newer document and epoch " + inForce + " is in force");
                    return;
                }
                offerParsed(text, document);
            }
        }

        /** Whether the server now holds a document other than {@code text}; {@code false} if it cannot tell. */
        private boolean supersededOnServer(String text) {
            try {
                String onServer = configService.getConfig(dataId, group, timeoutMillis);
                return onServer != null && !onServer.isBlank() && !onServer.equals(text);
            } catch (NacosException | RuntimeException e) {
                return false;
            }
        }
    }

    /**
     * Options of a {@link NacosRuleStore}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private final ConfigService configService;
        private final String dataId;
        private String group = DEFAULT_GROUP;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Path snapshotDirectory = Path.of(System.getProperty("java.io.tmpdir"), "unit-router-nacos");
        private String serverAddr = "(server address not given)";
        private String namespace = "";

        private Builder(ConfigService configService, String dataId) {
            this.configService = Objects.requireNonNull(configService, "configService");
            this.dataId = dataId == null ? null : dataId.trim();
        }

        /**
         * The Nacos group of the rule document and the applied-epoch reports.
         *
         * @param group default {@value NacosRuleStore#DEFAULT_GROUP}
         * @throws IllegalArgumentException if it is empty or has characters Nacos does not allow
         */
        public Builder group(String group) {
            checkKey("group", group == null ? null : group.trim());
            this.group = group.trim();
            return this;
        }

        /**
         * How long to wait for the server on each read.
         *
         * @param timeout 1 ms to 10 minutes; default 3 s
         * @throws IllegalArgumentException outside that range
         */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.compareTo(Duration.ofMillis(1)) < 0
                    || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("the Nacos timeout must be 1ms..10m, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Where to keep the last good document. Created when needed.
         *
         * @param snapshotDirectory default {@code unit-router-nacos} under {@code java.io.tmpdir}; pick a
         *     directory that survives restarts and temporary-file cleaning
         */
        public Builder snapshotDirectory(Path snapshotDirectory) {
            this.snapshotDirectory = Objects.requireNonNull(snapshotDirectory, "snapshotDirectory");
            return this;
        }

        /**
         * The server addresses the {@link ConfigService} talks to, for names and messages only.
         *
         * @param serverAddr e.g. {@code 10.0.0.1:8848,10.0.0.2:8848}
         */
        public Builder serverAddr(String serverAddr) {
            this.serverAddr = Objects.requireNonNull(serverAddr, "serverAddr");
            return this;
        }

        /**
         * The namespace the {@link ConfigService} uses, for names and messages only.
         *
         * @param namespace the namespace id; empty for the public namespace (default)
         */
        public Builder namespace(String namespace) {
            this.namespace = namespace == null ? "" : namespace.trim();
            return this;
        }

        /**
         * Registers the listener, reads the document (or, failing that, the local snapshot) and returns the
         * store. It does not fail when the server is unreachable: {@link NacosRuleStore#load()} then serves the
         * snapshot, or throws if there is none.
         *
         * @throws IllegalArgumentException if the data id is empty or has characters Nacos does not allow
         * @throws RuleStoreException if the Nacos client refuses the listener
         */
        public NacosRuleStore build() {
            checkKey("data id", dataId);
            NacosRuleStore store = new NacosRuleStore(this);
            store.start();
            return store;
        }
    }
}
