package dev.casewright.generation.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generations per second at a fixed number of concurrent requests (1,000 by default) with a fake
 * model of fixed latency (2 s per call), against the Little's-law bound: with {@code c} requests
 * always in flight and each generation making {@code k} model calls of latency {@code d}, no
 * server can finish more than {@code c / (k·d)} generations a second. A closed loop: each of the
 * {@code c} clients sends its next request when the previous one is answered, {@code rounds}
 * times. Results and how to run: docs/benchmarks.md.
 *
 * <p>Arguments ({@code name=value}): {@code threads=virtual|platform} (Spring's {@code
 * spring.threads.virtual.enabled}; platform means Tomcat's pool of 200), {@code clients=1000},
 * {@code rounds=3}, {@code scenarios=8} (1 skips the duplicate check), {@code latency=PT2S},
 * {@code tenants=20}, {@code warmup=500}.
 */
public final class GenerationThroughput {

    private GenerationThroughput() {}

    /** One answered request: its client, when it was sent and answered (ns since the start), its status. */
    private record Sample(int client, long sent, long answered, int status, String problem) {}

    private static final java.util.regex.Pattern PROBLEM_TYPE =
            java.util.regex.Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
    private static final java.util.regex.Pattern PROBLEM_DETAIL =
            java.util.regex.Pattern.compile("\"detail\"\\s*:\\s*\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "threads", "virtual",
                "clients", "1000",
                "rounds", "3",
                "scenarios", "8",
                "latency", "PT2S",
                "tenants", "20",
                "warmup", "500"));
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair[1]);
        }
        if (options.containsKey("http-log")) {
            // The JDK HTTP client's own diagnostics (the service's model and Jira clients are JDK clients).
            System.setProperty("jdk.httpclient.HttpClient.log", options.get("http-log"));
        }
        boolean virtual = "virtual".equals(options.get("threads"));
        int clients = Integer.parseInt(options.get("clients"));
        int rounds = Integer.parseInt(options.get("rounds"));
        int scenarios = Integer.parseInt(options.get("scenarios"));
        Duration latency = Duration.parse(options.get("latency"));
        int tenants = Integer.parseInt(options.get("tenants"));
        int warmup = Integer.parseInt(options.get("warmup"));
        if (virtual && !Threads.virtualAvailable()) {
            System.err.println("threads=virtual needs a JDK with virtual threads (21+); this is " + Runtime.version()
                    + ". Run with -Dbenchmark.java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
            System.exit(2);
        }

        System.out.printf(
                "JDK %s, %d processors, heap max %d MiB, load average %.2f%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ExecutorService callers = Threads.perTask("client");
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(callers)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        try (var service = new BenchmarkedService(latency, virtual, tenants)) {
            // Warm-up without model latency, so the JIT has compiled the service before measuring.
            System.out.printf("Warm-up: %d generations, 10 at a time, model latency 0%n", warmup);
            service.model().latency(Duration.ZERO);
            List<Sample> warm = run(http, callers, service, Math.min(10, warmup), Math.max(1, warmup / 10), scenarios);
            long warmFailures =
                    warm.stream().filter(sample -> sample.status() != 200).count();
            if (warmFailures > 0) {
                System.out.printf("Warm-up failures: %d%n", warmFailures);
                warm.stream()
                        .filter(sample -> sample.status() != 200)
                        .limit(3)
                        .forEach(sample -> System.out.println("  " + sample.status() + " " + sample.problem()));
            }
            service.model().latency(latency);
            fakeModelCapacity(http, callers, service.model(), clients, latency);

            long callsBefore = service.model().calls();
            var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            System.out.printf(
                    "Measuring: %s threads, %d clients × %d rounds, %d scenarios, model latency %s, %d tenants%n",
                    virtual ? "virtual" : "platform (Tomcat pool of 200)",
                    clients,
                    rounds,
                    scenarios,
                    latency,
                    tenants);
            List<Sample> samples = run(http, callers, service, clients, rounds, scenarios);
            long cpu = os.getProcessCpuTime() - cpuBefore;
            long calls = service.model().calls() - callsBefore;
            report(samples, clients, scenarios, calls, latency, cpu, os.getSystemLoadAverage());
            if (!virtual) {
                // Only as many generations as Tomcat has threads can be in progress at once.
                int threads = Integer.parseInt(
                        service.property("server.tomcat.threads.max").orElse("200"));
                System.out.printf(
                        Locale.ROOT,
                        "With platform threads at most %d generations are in progress: bound %d / W = %.1f generations/s%n",
                        Math.min(threads, clients),
                        Math.min(threads, clients),
                        Math.min(threads, clients) / (latency.toMillis() / 1000.0 * (1 + (scenarios + 9) / 10)));
            }
        } finally {
            callers.shutdownNow();
        }
        System.exit(0);
    }

    /**
     * The fake model must not be the limit: {@code clients} concurrent calls straight to it, twice,
     * should take three times its latency and little more.
     */
    private static void fakeModelCapacity(
            HttpClient http, ExecutorService callers, FakeOpenAiServer model, int clients, Duration latency)
            throws InterruptedException {
        URI uri = model.baseUrl().resolve("/v1/chat/completions");
        String body =
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Plan a test suite. Write at most 8 scenarios\"}]}";
        var done = new CountDownLatch(clients);
        var failed = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            callers.execute(() -> {
                try {
                    for (int round = 0; round < 3; round++) {
                        var response = http.send(
                                HttpRequest.newBuilder(uri)
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "Fake model alone: %d concurrent clients × 3 calls in %.2f s (ideal %.2f s) = %.0f calls/s, %d failed%n",
                clients,
                seconds,
                3 * latency.toMillis() / 1000.0,
                3 * clients / seconds,
                failed.get());
    }

    private static List<Sample> run(
            HttpClient http,
            ExecutorService callers,
            BenchmarkedService service,
            int clients,
            int rounds,
            int scenarios)
            throws InterruptedException {
        var samples = new ConcurrentLinkedQueue<Sample>();
        var done = new CountDownLatch(clients);
        var sent = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            int client = i;
            callers.execute(() -> {
                try {
                    for (int round = 0; round < rounds; round++) {
                        long at = System.nanoTime() - start;
                        int status;
                        String problem = "";
                        try {
                            var response = http.send(
                                    service.generation(sent.getAndIncrement(), scenarios),
                                    HttpResponse.BodyHandlers.ofString());
                            status = response.statusCode();
                            if (status != 200) {
                                var type = PROBLEM_TYPE.matcher(response.body());
                                problem = type.find() ? type.group(1) : "(no problem type)";
                                var detail = PROBLEM_DETAIL.matcher(response.body());
                                if (detail.find()) {
                                    problem += " (" + detail.group(1) + ")";
                                }
                            }
                        } catch (Exception e) {
                            status = -1;
                            problem = e.getClass().getSimpleName();
                        }
                        samples.add(new Sample(client, at, System.nanoTime() - start, status, problem));
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return new ArrayList<>(samples);
    }

    private static void report(
            List<Sample> samples,
            int clients,
            int scenarios,
            long calls,
            Duration latency,
            long cpuNanos,
            double loadAfter) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> problems = new TreeMap<>();
        samples.forEach(sample -> statuses.merge(sample.status(), 1, Integer::sum));
        samples.stream()
                .filter(sample -> sample.status() != 200)
                .forEach(sample -> problems.merge(sample.status() + " " + sample.problem(), 1, Integer::sum));
        List<Sample> ok =
                samples.stream().filter(sample -> sample.status() == 200).toList();
        long[] latencies = ok.stream()
                .mapToLong(sample -> sample.answered() - sample.sent())
                .sorted()
                .toArray();
        long first = samples.stream().mapToLong(Sample::sent).min().orElse(0);
        long last = samples.stream().mapToLong(Sample::answered).max().orElse(0);
        double makespan = (last - first) / 1e9;
        // A plan call and one expand call per batch of 10; no repairs (the canned answers are valid).
        int callsPerGeneration = 1 + (scenarios + 9) / 10;
        double w = callsPerGeneration * latency.toMillis() / 1000.0;
        double bound = w == 0 ? 0 : clients / w;
        double measured = ok.size() / makespan;
        // The middle half of the answers, away from the start (all requests sent at once) and the
        // end (fewer and fewer clients left): the rate the service settles at.
        long[] answers = ok.stream().mapToLong(Sample::answered).sorted().toArray();
        long steadyDone = answers.length / 2;
        double steadySeconds =
                answers.length < 4 ? 0 : (answers[answers.length * 3 / 4] - answers[answers.length / 4]) / 1e9;

        System.out.println();
        System.out.printf("Answers by status: %s%s%n", statuses, problems.isEmpty() ? "" : ", failures: " + problems);
        System.out.printf(
                Locale.ROOT,
                "Model calls per generation: %d (counted: %d calls for %d requests) → W = %.1f s → Little's-law bound %d / %.1f s = %.1f generations/s%n",
                callsPerGeneration,
                calls,
                samples.size(),
                w,
                clients,
                w,
                bound);
        System.out.printf(
                Locale.ROOT,
                "Measured: %d generations in %.1f s = %.1f generations/s (%.0f %% of the bound)%n",
                ok.size(),
                makespan,
                measured,
                bound == 0 ? 0 : 100 * measured / bound);
        if (steadySeconds > 1) {
            System.out.printf(
                    Locale.ROOT,
                    "Middle half of the answers (%d in %.1f s): %.1f generations/s%n",
                    steadyDone,
                    steadySeconds,
                    steadyDone / steadySeconds);
        }
        System.out.printf(
                Locale.ROOT,
                "Latency per generation (s): p50 %.2f, p90 %.2f, p99 %.2f, max %.2f%n",
                percentile(latencies, 50),
                percentile(latencies, 90),
                percentile(latencies, 99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e9);
        System.out.printf(
                Locale.ROOT,
                "CPU of this process (service, fake model, fake Jira, clients): %.1f s, %.1f ms per generation; load average after %.2f%n",
                cpuNanos / 1e9,
                ok.isEmpty() ? 0 : cpuNanos / 1e6 / ok.size(),
                loadAfter);
        System.out.println(loadAverages());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e9;
    }

    private static String loadAverages() {
        try {
            return "/proc/loadavg after the run: "
                    + Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "/proc/loadavg unavailable";
        }
    }
}
