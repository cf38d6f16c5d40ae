package io.unitrouter.nacos;

import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.config.filter.IConfigFilter;
import com.alibaba.nacos.api.config.listener.Listener;
import com.alibaba.nacos.api.exception.NacosException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ConfigService} that behaves like a Nacos server seen through a connected client, in memory, for
 * tests (no Nacos server can run in CI).
 *
 * <ul>
 *   <li>Configs are a map of (data id, group) to content; a blank group means {@code DEFAULT_GROUP}, and
 *       data ids and groups are checked like the client checks them.</li>
 *   <li>{@code publishConfig} and {@code removeConfig} notify every listener of that data id whose last
 *       notification had other content, asynchronously: on the listener's executor if it has one, else on
 *       this service's notification thread (one thread, so listeners hear changes in order).</li>
 *   <li>{@code publishConfigCas} compares the MD5 (lowercase hex, of the UTF-8 content) of the stored
 *       content with {@code casMd5} and returns {@code false} on a mismatch. Like the server, it creates a
 *       config that does not exist yet, and a blank {@code casMd5} publishes unconditionally.</li>
 *   <li>{@link #serverDown()} makes every call that needs the server throw {@link NacosException}
 *       {@code -401 Client not connected}, as the real client does; {@code addListener} still works, and
 *       {@code getConfigAndSignListener} throws before registering. {@link #serverUp()} notifies the
 *       listeners whose content is out of date, like the client's resynchronisation after a reconnect.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class InMemoryConfigService implements ConfigService {

    /** The group the Nacos client uses when none is given. */
    public static final String DEFAULT_GROUP = "DEFAULT_GROUP";

    private final Map<Key, Entry> configs = new HashMap<>();
    private final Map<Key, List<Registration>> registrations = new HashMap<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "in-memory-nacos-notifier");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private Runnable beforeNextCas;

    private record Key(String dataId, String group) {
    }

    private record Entry(String content, String type) {
    }

    private static final class Registration {
        final Listener listener;
        String lastMd5;

        Registration(Listener listener, String lastMd5) {
            this.listener = listener;
            this.lastMd5 = lastMd5;
        }
    }

    @Override
    public String getConfig(String dataId, String group, long timeoutMs) throws NacosException {
        calls.add("getConfig " + dataId);
        Key key = key(dataId, group);
        requireUp();
        synchronized (this) {
            Entry entry = configs.get(key);
            return entry == null ? null : entry.content();
        }
    }

    @Override
    public String getConfigAndSignListener(String dataId, String group, long timeoutMs, Listener listener)
            throws NacosException {
        calls.add("getConfigAndSignListener " + dataId);
        Key key = key(dataId, group);
        requireUp();
        synchronized (this) {
            Entry entry = configs.get(key);
            String content = entry == null ? null : entry.content();
            registrations.computeIfAbsent(key, k -> new ArrayList<>()).add(new Registration(listener, md5(content)));
            return content;
        }
    }

    @Override
    public void addListener(String dataId, String group, Listener listener) throws NacosException {
        calls.add("addListener " + dataId);
        Key key = key(dataId, group);
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            Entry entry = configs.get(key);
            String lastMd5 = down ? null : md5(entry == null ? null : entry.content());
            registrations.computeIfAbsent(key, k -> new ArrayList<>()).add(new Registration(listener, lastMd5));
        }
    }

    @Override
    public boolean publishConfig(String dataId, String group, String content) throws NacosException {
        return publishConfig(dataId, group, content, "text");
    }

    @Override
    public boolean publishConfig(String dataId, String group, String content, String type) throws NacosException {
        return publishConfigCas(dataId, group, content, null, type);
    }

    @Override
    public boolean publishConfigCas(String dataId, String group, String content, String casMd5)
            throws NacosException {
        return publishConfigCas(dataId, group, content, casMd5, "text");
    }

    @Override
    public boolean publishConfigCas(String dataId, String group, String content, String casMd5, String type)
            throws NacosException {
        Key key = key(dataId, group);
        if (content == null || content.isBlank()) {
            throw new NacosException(NacosException.CLIENT_INVALID_PARAM, "content invalid");
        }
        Runnable hook = null;
        if (casMd5 != null) {
            synchronized (this) {
                hook = beforeNextCas;
                beforeNextCas = null;
            }
        }
        if (hook != null) {
            hook.run();
        }
        requireUp();
        synchronized (this) {
            Entry existing = configs.get(key);
            if (casMd5 != null && !casMd5.isBlank() && existing != null && !md5(existing.content()).equals(casMd5)) {
                return false;
            }
            configs.put(key, new Entry(content, type));
            notifyListeners(key, content);
            return true;
        }
    }

    @Override
    public boolean removeConfig(String dataId, String group) throws NacosException {
        Key key = key(dataId, group);
        requireUp();
        synchronized (this) {
            if (configs.remove(key) != null) {
                notifyListeners(key, null);
            }
            return true;
        }
    }

    @Override
    public synchronized void removeListener(String dataId, String group, Listener listener) {
        List<Registration> list = registrations.get(new Key(dataId, blankToDefault(group)));
        if (list != null) {
            list.removeIf(r -> r.listener == listener);
        }
    }

    @Override
    public String getServerStatus() {
        return down ? "DOWN" : "UP";
    }

    @Override
    public void addConfigFilter(IConfigFilter configFilter) {
        throw new UnsupportedOperationException("InMemoryConfigService does not run config filters");
    }

    /**
     * Stops notifying, after the notifications already queued: a listener that is writing its snapshot finishes
     * before this returns, so a test's temporary directory can be deleted after it (it could not be, now and
     * then, while the last push of a test was still being written).
     */
    @Override
    public void shutDown() {
        notifier.shutdown();
        try {
            if (!notifier.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("in-memory Nacos: notifications still running after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** From now on, calls that need the server throw {@code -401 Client not connected}. */
    public void serverDown() {
        down = true;
    }

    /** The server is reachable again; listeners that missed a change hear the current content. */
    public synchronized void serverUp() {
        down = false;
        for (Map.Entry<Key, List<Registration>> e : registrations.entrySet()) {
            Entry entry = configs.get(e.getKey());
            String content = entry == null ? null : entry.content();
            for (Registration registration : e.getValue()) {
                deliverIfChanged(registration, content);
            }
        }
    }

    /**
     * Runs {@code action} inside the next compare-and-set publish, after the caller read the content and
     * before the MD5 compare: as if another client changed the config in between.
     */
    public synchronized void beforeNextCas(Runnable action) {
        this.beforeNextCas = action;
    }

    /** The content of a config, or {@code null} if it does not exist. */
    public synchronized String content(String dataId, String group) {
        Entry entry = configs.get(new Key(dataId, blankToDefault(group)));
        return entry == null ? null : entry.content();
    }

    /** The type a config was published with, or {@code null} if it does not exist. */
    public synchronized String type(String dataId, String group) {
        Entry entry = configs.get(new Key(dataId, blankToDefault(group)));
        return entry == null ? null : entry.type();
    }

    /** The data ids stored in a group, sorted. */
    public synchronized List<String> dataIds(String group) {
        return configs.keySet().stream().filter(k -> k.group().equals(blankToDefault(group))).map(Key::dataId)
                .sorted().toList();
    }

    /**
     * The calls made so far to {@code getConfig}, {@code getConfigAndSignListener} and {@code addListener},
     * in order, e.g. {@code "getConfig rules.yaml"}.
     */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** How many listeners are registered for a config. */
    public synchronized int listenerCount(String dataId, String group) {
        List<Registration> list = registrations.get(new Key(dataId, blankToDefault(group)));
        return list == null ? 0 : list.size();
    }

    /** Waits until every notification queued so far has been handed to its listener or executor. */
    public void awaitNotifications() {
        try {
            notifier.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The MD5 of the UTF-8 content as 32 lowercase hex digits, as Nacos computes it. */
    public static String md5(String content) {
        if (content == null) {
            return null;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void notifyListeners(Key key, String content) {
        for (Registration registration : registrations.getOrDefault(key, List.of())) {
            deliverIfChanged(registration, content);
        }
    }

    private void deliverIfChanged(Registration registration, String content) {
        String md5 = md5(content);
        if (Objects.equals(md5, registration.lastMd5)) {
            return;
        }
        registration.lastMd5 = md5;
        Listener listener = registration.listener;
        notifier.execute(() -> {
            if (listener.getExecutor() != null) {
                listener.getExecutor().execute(() -> listener.receiveConfigInfo(content));
            } else {
                listener.receiveConfigInfo(content);
            }
        });
    }

    private void requireUp() throws NacosException {
        if (down) {
            throw new NacosException(NacosException.CLIENT_DISCONNECT,
                    "Client not connected, current status:UNHEALTHY");
        }
    }

    private static Key key(String dataId, String group) throws NacosException {
        String g = blankToDefault(group);
        if (!valid(dataId)) {
            throw new NacosException(NacosException.CLIENT_INVALID_PARAM, "dataId invalid");
        }
        if (!valid(g)) {
            throw new NacosException(NacosException.CLIENT_INVALID_PARAM, "group invalid");
        }
        return new Key(dataId, g);
    }

    private static String blankToDefault(String group) {
        return group == null || group.isBlank() ? DEFAULT_GROUP : group.trim();
    }

    private static boolean valid(String id) {
        if (id == null || id.isBlank()) {
            return false;
        }
        return id.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80 || "-_.:".indexOf(c) >= 0);
    }
}
