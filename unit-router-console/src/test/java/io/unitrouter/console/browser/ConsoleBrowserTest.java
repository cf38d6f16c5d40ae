package io.unitrouter.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.console.ConsoleFixture;
import io.unitrouter.core.spi.RuleStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages in real headless Chromium, with five routers following the console's rule file. Runs only with
 * {@code -Pbrowser}; needs Debian's {@code chromium} and {@code chromium-driver}.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTest {

    private static final Path RULES = ConsoleFixture.rulesFile();
    private static Instances instances;
    private static Browser browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ConsoleFixture.properties(registry, RULES);
    }

    @BeforeAll
    static void start() {
        instances = new Instances(RULES);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        instances.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    RuleStore store;

    @BeforeEach
    void anonymous() {
        browser.driver.get(url("/login.html"));
        browser.driver.manage().deleteAllCookies();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private List<WebElement> squares() {
        browser.driver.get(url("/#/shards"));
        browser.waiting().until(d -> d.findElements(By.cssSelector("#shard-grid .shard")).size() == 100);
        return browser.driver.findElements(By.cssSelector("#shard-grid .shard"));
    }

    /** The colour of each owner's squares; fails if one owner's squares differ in colour. */
    private static Map<String, String> coloursByOwner(List<WebElement> squares) {
        Map<String, String> colours = new HashMap<>();
        for (WebElement square : squares) {
            String owner = square.getAttribute("data-owner");
            String colour = square.getCssValue("background-color");
            String before = colours.putIfAbsent(owner, colour);
            assertThat(before == null || before.equals(colour)).as("shard %s of %s is %s, not %s",
                    square.getText(), owner, colour, before).isTrue();
        }
        return colours;
    }

    @Test
    void theShardMapRendersAHundredShardsColouredByOwner() {
        List<WebElement> squares = squares();

        Map<String, String> colours = coloursByOwner(squares);
        assertThat(squares).hasSize(100);
        assertThat(new HashSet<>(colours.values())).hasSize(colours.size());
        assertThat(colours.keySet()).containsExactlyInAnyOrderElementsOf(new HashSet<>(List.of(store.load().owners())));

        new Actions(browser.driver).moveToElement(squares.get(37)).perform();
        WebElement tooltip = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("tooltip")));
        assertThat(tooltip.getText()).contains("Shard 37").contains("owner").contains("home").contains("History");
        browser.screenshot("shard-map");
    }

    @Test
    void aFailoverStartedFromThePageChangesTheMapAndTheEpochAndShowsItsPhases() {
        long epoch = store.load().epoch();
        login();
        browser.driver.get(url("/#/failover"));
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#event-kind option[value=drain]")).isEmpty());
        new Select(browser.driver.findElement(By.id("event-kind"))).selectByValue("drain");
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#event-target option[value=hz2]")).isEmpty());
        new Select(browser.driver.findElement(By.id("event-target"))).selectByValue("hz2");
        browser.driver.findElement(By.id("preview")).click();
        WebElement summary = browser.waiting().until(d -> d.findElement(By.id("plan-summary")));
        assertThat(summary.getText()).contains("freeze " + (epoch + 1)).contains("switch " + (epoch + 2));
        browser.screenshot("failover-plan");

        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("execute"))).click();
        browser.waiting().until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
        browser.screenshot("failover-confirm");
        browser.driver.findElement(By.id("confirm-yes")).click();

        browser.waiting().until(d -> !d.findElements(By.cssSelector("#phases li[data-phase=VERIFY][data-state=done]"))
                .isEmpty());
        // Read in a wait: the run panel is re-rendered on every refresh, which can replace an element between
        // finding it and reading it.
        List<String> phases = browser.waiting().until(d -> d.findElements(By.cssSelector("#phases li")).stream()
                .map(li -> li.getAttribute("data-phase") + " " + li.getAttribute("data-state")).toList());
        assertThat(phases).containsExactly("FREEZE done", "BARRIER done", "FENCE skipped", "CATCH_UP skipped",
                "SWITCH done", "VERIFY done");
        browser.screenshot("failover-run", browser.driver.findElement(By.id("run-panel")));

        List<WebElement> squares = squares();
        browser.waiting().until(d -> d.findElement(By.id("map-epoch")).getText().equals("Epoch " + (epoch + 2)));
        Map<String, String> colours = coloursByOwner(squares());
        assertThat(colours).doesNotContainKey("rz02");
        assertThat(squares).hasSize(100);
        // The header is re-rendered on every refresh: read in a wait, for the same reason.
        String headerEpoch = browser.waiting().until(d -> d.findElement(By.id("epoch")).getText());
        assertThat(headerEpoch).isEqualTo("epoch " + (epoch + 2));
        browser.screenshot("shard-map-after-failover");

        browser.driver.get(url("/#/convergence"));
        browser.waiting().until(d -> d.findElement(By.id("convergence-summary")).getText()
                .startsWith("5 of 5 live instances"));
        browser.screenshot("convergence");
    }

    @Test
    void anAnonymousUserCannotExecute() {
        long epoch = store.load().epoch();
        browser.driver.get(url("/#/failover"));
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#event-kind option[value=drain]")).isEmpty());
        new Select(browser.driver.findElement(By.id("event-kind"))).selectByValue("drain");
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#event-target option[value=sz1]")).isEmpty());
        new Select(browser.driver.findElement(By.id("event-target"))).selectByValue("sz1");
        browser.driver.findElement(By.id("preview")).click();
        WebElement execute = browser.waiting().until(d -> d.findElement(By.id("execute")));
        String checksum = browser.driver.findElement(By.id("plan-summary")).getText().split(" ")[1];

        Object status = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/session').then(r => r.json()).then(s => fetch('/api/failover/execute', {method: 'POST',
                  headers: {'Content-Type': 'application/json', [s.csrf.header]: s.csrf.token},
                  body: JSON.stringify({event: 'drain:sz1', checksum: arguments[0]})})).then(r => done(r.status));
                """, checksum);

        assertThat(execute.isEnabled()).isFalse();
        assertThat(browser.driver.findElement(By.id("plan")).getText()).contains("Log in as an operator");
        assertThat(status).isEqualTo(401L);
        assertThat(store.load().epoch()).isEqualTo(epoch);
        browser.screenshot("failover-anonymous");
    }

    private void login() {
        browser.driver.get(url("/login.html"));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("login-submit")));
        browser.driver.findElement(By.id("username")).sendKeys("alice");
        browser.driver.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
        browser.driver.findElement(By.id("login-submit")).click();
        browser.waiting().until(d -> d.findElement(By.id("who")).getText().contains("alice (operator)"));
    }
}
