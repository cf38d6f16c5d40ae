package io.unitrouter.sample.bank.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * The one-command demo: {@code java -jar sample-bank-app/bank-demo/target/bank-demo.jar --quick}. Exits 0 when
 * every invariant held, 1 when one broke, 2 on bad arguments or when the run could not be carried out.
 */
public final class BankDemo {

    private BankDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param args see {@link DemoOptions#USAGE}
     */
    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        DemoRun run = new DemoRun(options, System.out);
        Thread hook = new Thread(run::close, "bank-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int status;
        try {
            Report report = run.run();
            run.close();
            System.out.print(report.text());
            Path html = options.workDir().resolve("report.html");
            report.writeHtml(html);
            System.out.println("HTML report: " + html);
            status = report.passed() ? 0 : 1;
        } catch (Exception e) {
            System.err.println("the demo stopped: " + e.getMessage());
            e.printStackTrace();
            status = 2;
        } finally {
            run.close();
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        System.exit(status);
    }
}
