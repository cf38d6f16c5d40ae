package io.unitrouter.console.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's settings, under {@code unit-router.console}. Where the rules live is the starter's
 * {@code unit-router.rules.location} ({@code file:...} or {@code nacos:...}); {@code docs/console.md} lists every
 * property with its default.
 *
 * <p>A mutable JavaBean bound once at start; read it, do not change it, after that.
 */
@ConfigurationProperties("unit-router.console")
public class ConsoleProperties {

    /** How often the pages ask for fresh data. */
    private Duration refresh = Duration.ofSeconds(1);

    /** Who may log in, by user name. Passwords are bcrypt hashes ({bcrypt}$2a$...); roles default to OPERATOR. */
    private final Map<String, User> users = new LinkedHashMap<>();

    private final Failover failover = new Failover();

    private final History history = new History();

    /** Where the console appends its audit trail (JSON lines); default: beside the rule file for a file store. */
    private Path auditFile;

    private final Traffic traffic = new Traffic();

    /**
     * The id of a process whose end ends the console: the script or supervisor that started it, so that
     * stopping that one, even with {@code kill -9}, leaves no console behind. Default: none.
     */
    private Long exitWithProcess;

    public Duration getRefresh() {
        return refresh;
    }

    public void setRefresh(Duration refresh) {
        this.refresh = refresh;
    }

    public Map<String, User> getUsers() {
        return users;
    }

    public Failover getFailover() {
        return failover;
    }

    public History getHistory() {
        return history;
    }

    public Path getAuditFile() {
        return auditFile;
    }

    public void setAuditFile(Path auditFile) {
        this.auditFile = auditFile;
    }

    public Traffic getTraffic() {
        return traffic;
    }

    public Long getExitWithProcess() {
        return exitWithProcess;
    }

    public void setExitWithProcess(Long exitWithProcess) {
        this.exitWithProcess = exitWithProcess;
    }

    /** One operator account. */
    public static class User {

        /** The bcrypt hash of the password, e.g. from "java -jar unit-router-console.jar hash-password". */
        private String password;

        /** The roles; OPERATOR may execute, resume and abort failovers and publish rules. */
        private List<String> roles = new ArrayList<>(List.of(ConsoleRoles.OPERATOR));

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }
    }

    /** How the console's failover coordinator runs. */
    public static class Failover {

        /**
         * Run failovers without a database fence, on purpose. Without a Fence bean and without this, the failover
         * page plans but does not execute.
         */
        private boolean withoutFence;

        /** A failover journal file; default: the store's own, beside the rule document (file or Nacos). */
        private Path journalFile;

        /** How long a barrier waits for every live instance to apply an epoch. */
        private Duration barrierTimeout = Duration.ofSeconds(30);

        /** How long the replication probe may wait. */
        private Duration catchUpTimeout = Duration.ofSeconds(60);

        /** How long an instance counts as alive after its last heartbeat. */
        private Duration livenessTtl = Duration.ofSeconds(5);

        public boolean isWithoutFence() {
            return withoutFence;
        }

        public void setWithoutFence(boolean withoutFence) {
            this.withoutFence = withoutFence;
        }

        public Path getJournalFile() {
            return journalFile;
        }

        public void setJournalFile(Path journalFile) {
            this.journalFile = journalFile;
        }

        public Duration getBarrierTimeout() {
            return barrierTimeout;
        }

        public void setBarrierTimeout(Duration barrierTimeout) {
            this.barrierTimeout = barrierTimeout;
        }

        public Duration getCatchUpTimeout() {
            return catchUpTimeout;
        }

        public void setCatchUpTimeout(Duration catchUpTimeout) {
            this.catchUpTimeout = catchUpTimeout;
        }

        public Duration getLivenessTtl() {
            return livenessTtl;
        }

        public void setLivenessTtl(Duration livenessTtl) {
            this.livenessTtl = livenessTtl;
        }
    }

    /** Which epochs the console keeps for the shard history and the diff. */
    public static class History {

        /** The most epochs kept; the oldest go first. */
        private int maxEpochs = 500;

        /** A directory to keep every epoch seen in (epoch-N.yaml), so that history survives a restart. */
        private Path directory;

        public int getMaxEpochs() {
            return maxEpochs;
        }

        public void setMaxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
        }

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }
    }

    /** Where the traffic page reads request counts from. */
    public static class Traffic {

        /** The instances to scrape; the reports instances write to the rule store carry no address. */
        private List<Instance> instances = new ArrayList<>();

        /** How often to scrape. */
        private Duration interval = Duration.ofSeconds(5);

        /** How long one scrape may take. */
        private Duration timeout = Duration.ofSeconds(2);

        public List<Instance> getInstances() {
            return instances;
        }

        public void setInstances(List<Instance> instances) {
            this.instances = instances;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** One instance to scrape. */
    public static class Instance {

        /** The instance's base URL, e.g. http://10.1.0.11:8080. */
        private String url;

        /** Its cell; default: the localCell its /actuator/unitrouter reports. */
        private String cell;

        /** The actuator's base path. */
        private String actuatorPath = "/actuator";

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getCell() {
            return cell;
        }

        public void setCell(String cell) {
            this.cell = cell;
        }

        public String getActuatorPath() {
            return actuatorPath;
        }

        public void setActuatorPath(String actuatorPath) {
            this.actuatorPath = actuatorPath;
        }
    }
}
