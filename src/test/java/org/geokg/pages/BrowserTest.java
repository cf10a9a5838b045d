package org.geokg.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.geokg.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser: Debian's chromium, driven by Debian's chromium-driver through Selenium
 * (both given by path, so Selenium Manager never looks for or downloads anything). Opens Russia's
 * page, the statement that Russia is Iran's sole arms exporter and a search; checks what is visible;
 * clicks from the entity to the statement to the source paragraph; checks that Fuseki's UI still lists
 * the dataset; and reads the pages once more with JavaScript switched off. Screenshots go to
 * target/screenshots/. Skipped, with the reason, where chromium or chromium-driver is not installed
 * (.ci/run installs both).
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of(System.getProperty("kg.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("kg.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = TestProject.realHome().resolve("target/screenshots");
    static final String SOLE_EXPORTER_QUOTE = "Since 2019, Russia has become the sole exporter of arms to Iran";

    @TempDir static Path tmp;
    static RealDataServer kg;
    static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "); apt-get install chromium chromium-driver, as .ci/run does");
        Files.createDirectories(SCREENSHOTS);
        kg = RealDataServer.start(tmp);
        browser = chromium("js", true);
    }

    /**
     * A fresh headless Chromium with its own profile and its own chromium-driver (quitting a driver
     * stops its service); JavaScript on or off.
     */
    static WebDriver chromium(String profile, boolean javascript) throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(tmp.resolve("chromedriver-" + profile + ".log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-" + profile)));
        if (!javascript)
            options.setExperimentalOption("prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        WebDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return d;
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (kg != null) kg.close();
    }

    static void screenshot(WebDriver d, String name) throws IOException {
        File shot = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static String visibleText(WebDriver d) {
        return d.findElement(By.tagName("body")).getText();
    }

    static void scrollTo(WebDriver d, WebElement e) {
        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'start'})", e);
    }

    /** Whether the element's top is inside the window (after following an #anchor). */
    static boolean inView(WebDriver d, WebElement e) {
        Object top = ((JavascriptExecutor) d).executeScript("return arguments[0].getBoundingClientRect().top", e);
        Object height = ((JavascriptExecutor) d).executeScript("return window.innerHeight");
        double t = ((Number) top).doubleValue();
        return t >= -1 && t < ((Number) height).doubleValue();
    }

    @Test
    void fromRussiaToTheSoleExporterStatementToItsParagraph() throws IOException {
        browser.get(kg.base.resolve("/resource/russia").toString());
        assertEquals("Russia", browser.findElement(By.tagName("h1")).getText());
        String text = visibleText(browser);
        for (String expected : List.of("sovereign state", "Q159", "sole arms supplier to", "Stated facts",
                "The author's assessments", "Fears", "Hypothetical scenarios", "Timeline", "Related entities", "since 2019"))
            assertTrue(text.contains(expected), "Russia's page shows: " + expected);
        screenshot(browser, "1-russia");

        // The quote, marked inside its paragraph, visible among the stated facts.
        WebElement mark = browser.findElements(By.cssSelector("#m-StatedFact ~ ol mark, section[aria-labelledby=m-StatedFact] mark"))
                .stream().filter(m -> m.getText().equals(SOLE_EXPORTER_QUOTE)).findFirst().orElseThrow();
        scrollTo(browser, mark);
        assertTrue(mark.isDisplayed());
        WebElement paragraph = mark.findElement(By.xpath("ancestor::blockquote"));
        assertTrue(paragraph.getText().contains("as the latter desperately sought Su-35 fighter aircraft"), "the whole paragraph");
        screenshot(browser, "2-russia-claims");

        // Entity -> statement: the evidence link of the fact "sole arms supplier to Iran".
        WebElement row = browser.findElement(By.xpath("//table[@id='facts-out']//tr[td/a[text()='sole arms supplier to']]"));
        row.findElement(By.cssSelector("a.statement-link")).click();
        assertTrue(browser.getCurrentUrl().endsWith("/statement/p8-russia-sole-arms-exporter"), browser.getCurrentUrl());
        assertEquals("Russia sole arms supplier to Iran", browser.findElement(By.tagName("h1")).getText());
        String statement = visibleText(browser);
        assertTrue(statement.contains("stated fact") && statement.contains("2019") && statement.contains("year precision"));
        assertEquals(SOLE_EXPORTER_QUOTE, browser.findElement(By.cssSelector("figure.evidence mark")).getText());
        screenshot(browser, "3-statement");

        // Statement -> source paragraph.
        browser.findElement(By.linkText("paragraph 8")).click();
        assertTrue(browser.getCurrentUrl().endsWith("/source/russia-iran-2025#p8"), browser.getCurrentUrl());
        WebElement p8 = browser.findElement(By.id("p8"));
        assertTrue(p8.isDisplayed() && inView(browser, p8), "the paragraph is scrolled into view");
        if (RealDataServer.articlePresent()) assertTrue(p8.getText().contains(SOLE_EXPORTER_QUOTE), p8.getText());
        assertTrue(p8.getText().contains("statements cite this paragraph"));
        screenshot(browser, "4-source-paragraph");
    }

    @Test
    void aSearchFromTheHeaderListsLabelsAndQuotesWithTheWordsMarked() throws IOException {
        browser.get(kg.base.resolve("/resource/").toString());
        WebElement box = browser.findElement(By.id("site-q"));
        box.sendKeys("crypto*", Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/search?q="));
        String text = visibleText(browser);
        assertTrue(text.matches("(?s).*\\d+ results for \\W?crypto\\*\\W?\n.*"), text);
        assertTrue(text.contains("Russia explored Russian and Iranian cryptocurrency transactions"), "a statement by its quote");
        assertTrue(text.contains("cryptocurrency\nentity") || text.contains("cryptocurrency entity"), "an entity by its label");
        assertFalse(browser.findElements(By.cssSelector("ol.results mark")).isEmpty(), "matches marked");
        screenshot(browser, "5-search");
    }

    @Test
    void fusekisUiStillListsTheDatasetAndOpensALibraryQuery() throws IOException {
        browser.get(kg.base.resolve("/").toString());
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> visibleText(d).contains("/kg"));
        screenshot(browser, "6-fuseki-ui");

        browser.get(kg.base.resolve("/queries").toString());
        browser.findElement(By.cssSelector("#q-drill-participants a.open-query")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> visibleText(d).contains("SELECT ?exercise ?exerciseLabel"));
        // Run it: the result table shows the labels beside the (shortened) IRIs. Paragraph 2: Iran,
        // China and Russia, in the Gulf of Oman.
        browser.findElement(By.cssSelector(".yasqe_queryButton")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            List<WebElement> tables = d.findElements(By.cssSelector(".yasr table"));
            return !tables.isEmpty() && tables.get(0).getText().contains("Gulf of Oman");
        });
        WebElement results = browser.findElement(By.cssSelector(".yasr table"));
        scrollTo(browser, results);
        String table = results.getText();
        for (String label : List.of("China", "Iran", "Russia", "Iran–China–Russia joint naval drills (March 2025)"))
            assertTrue(table.contains(label), "the UI's result table shows " + label);
        screenshot(browser, "7-fuseki-editor");
    }

    @Test
    void thePagesWorkWithJavaScriptSwitchedOff() throws IOException {
        WebDriver plain = chromium("nojs", false);
        try {
            plain.get(kg.base.resolve("/resource/russia").toString());
            assertTrue(visibleText(plain).contains("sole arms supplier to"));
            plain.findElement(By.id("site-q")).sendKeys("Houthi*", Keys.ENTER);
            new WebDriverWait(plain, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/search?q="));
            assertTrue(visibleText(plain).contains("Houthis"));
            plain.findElement(By.linkText("Houthis")).click();
            assertEquals("Houthis", plain.findElement(By.tagName("h1")).getText());
            screenshot(plain, "8-no-javascript");
        } finally {
            plain.quit();
        }
    }
}
