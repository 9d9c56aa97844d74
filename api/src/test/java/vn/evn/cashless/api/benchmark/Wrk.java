package vn.evn.cashless.api.benchmark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load from {@code wrk} (Debian's package {@code wrk}): a process of its own, written in C, so that the server's
 * figure is not held down by a client sharing its two cores, as the benchmark's JVM clients are. Each answer's
 * status is counted by the script; a run with an answer it did not expect fails.
 */
final class Wrk {

    /** What one run measured: answers per second over the run, and the answers by kind. */
    record Result(double perSecond, long created, long ok, long other, String firstOther) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern COUNTS = Pattern.compile(
            "WRK-COUNTS created=(\\d+) ok=(\\d+) other=(\\d+) first=(.*)");

    private Wrk() {
    }

    /**
     * The {@code wrk} on the {@code PATH}; where there is none and this process may install packages (root), it is
     * installed from Debian's packages first. Empty if neither works: the benchmark then says so in its notes.
     */
    static Optional<Path> find(List<String> notes) {
        Optional<Path> found = onPath();
        if (found.isEmpty() && "root".equals(System.getProperty("user.name"))) {
            try {
                Process install = new ProcessBuilder("apt-get", "install", "-y", "-q", "wrk")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (install.waitFor(5, TimeUnit.MINUTES) && install.exitValue() == 0) {
                    found = onPath();
                }
            } catch (IOException e) {
                notes.add("wrk: could not be installed (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (found.isEmpty()) {
            notes.add("wrk: not found and not installed (apt-get install wrk); the rows measured with it are left out");
        }
        return found;
    }

    private static Optional<Path> onPath() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "wrk");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Payments of 1,000 VND to the bills of {@code period} of a branch's customers {@code PA20<branch>0000001…}, each
     * customer in turn: the k-th request of a wrk thread (k = 0, 1, …) pays customer
     * {@code (k * stride + base + thread - 1) % bills}, so that {@code stride} threads in all, numbered by
     * {@code base + thread - 1}, pay the customers one after another and spread evenly over them. With probability
     * {@code resend}, a request resends, identical, a payment sent at least 64 requests before on the same thread
     * (so already answered: a thread's connections hold at most that many in flight).
     */
    static String payments(String authorization, String branch, String period, int bills, String prefix,
                           double resend, int stride, int base) {
        return script(authorization, """
                local branch, period, bills, prefix, resend, stride, base = "%s", "%s", %d, "%s", %s, %d, %d
                local sent, counter = {}, 0
                request = function()
                  if resend > 0 and counter > 64 and math.random() < resend then
                    local back = math.random(64, math.min(counter - 1, 255))
                    return sent[(counter - back) %% 256]
                  end
                  local n = counter * stride + base + id - 1
                  counter = counter + 1
                  local body = string.format('{"customer":"PA20%%s%%07d","period":"%%s","amount":1000,"kind":"BANK",'
                    .. '"provider":"BIDV","externalRef":"%%s-%%d-%%d","paidAt":"%%s-12T03:00:00Z"}',
                    branch, (n %% bills) + 1, period, prefix, id, counter, period)
                  local request = wrk.format("POST", "/api/payments", headers, body)
                  sent[counter %% 256] = request
                  return request
                end
                """.formatted(branch, period, bills, prefix, resend, stride, base));
    }

    /** {@code GET path}, answered 200 (counted as {@code ok}); formatted once wrk knows the Host header. */
    static String get(String authorization, String path) {
        return script(authorization, """
                local req
                request = function()
                  req = req or wrk.format("GET", "%s", headers)
                  return req
                end
                """.formatted(path));
    }

    private static String script(String authorization, String body) {
        return """
                local threads = {}
                function setup(thread)
                  thread:set("id", #threads + 1)
                  table.insert(threads, thread)
                end
                headers = {["Content-Type"] = "application/json", ["Authorization"] = "%s"}
                created, ok, other, first = 0, 0, 0, ""
                function init(args)
                  id = tonumber(wrk.thread:get("id"))
                  math.randomseed(id * 7919)
                end
                function response(status, headers, body)
                  if status == 201 then created = created + 1
                  elseif status == 200 then ok = ok + 1
                  else
                    other = other + 1
                    if first == "" then first = status .. " " .. string.gsub(body or "", "%%s+", " ") end
                  end
                end
                function done(summary, latency, requests)
                  local c, o, x, f = 0, 0, 0, ""
                  for _, thread in ipairs(threads) do
                    c = c + thread:get("created")
                    o = o + thread:get("ok")
                    x = x + thread:get("other")
                    if f == "" then f = thread:get("first") end
                  end
                  io.write(string.format("WRK-COUNTS created=%%d ok=%%d other=%%d first=%%s\\n", c, o, x, f))
                end
                """.formatted(authorization) + body;
    }

    /** Runs {@code script} against the server for {@code duration} with 2 threads and 16 connections. */
    static Result run(Path wrk, int port, String script, Duration duration) throws IOException,
            InterruptedException {
        return run(wrk, port, script, duration, 2, 16);
    }

    /**
     * Runs the scripts at once, each against its server ({@code ports}, in the same order) in a wrk process of its
     * own with {@code 16 / ports} connections; their answers per second and counts added up.
     */
    static Result runTogether(Path wrk, List<Integer> ports, List<String> scripts, Duration duration)
            throws Exception {
        List<CompletableFuture<Result>> runs = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            String script = scripts.get(i);
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return run(wrk, port, script, duration, 1, 16 / ports.size());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
        }
        double perSecond = 0;
        long created = 0;
        long ok = 0;
        long other = 0;
        String first = "";
        for (CompletableFuture<Result> run : runs) {
            Result result = run.get();
            perSecond += result.perSecond();
            created += result.created();
            ok += result.ok();
            other += result.other();
            first = first.isEmpty() ? result.firstOther() : first;
        }
        return new Result(perSecond, created, ok, other, first);
    }

    private static Result run(Path wrk, int port, String script, Duration duration, int threads, int connections)
            throws IOException, InterruptedException {
        Path lua = Files.createTempFile("wrk-", ".lua");
        try {
            Files.writeString(lua, script, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t" + threads, "-c" + connections,
                    "-d" + duration.toSeconds() + "s", "--timeout", "30s", "-s", lua.toString(),
                    "http://127.0.0.1:" + port));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            Matcher rate = RATE.matcher(output);
            Matcher counts = COUNTS.matcher(output);
            if (!rate.find() || !counts.find()) {
                throw new IllegalStateException("wrk printed no figures: " + output);
            }
            return new Result(Double.parseDouble(rate.group(1)), Long.parseLong(counts.group(1)),
                    Long.parseLong(counts.group(2)), Long.parseLong(counts.group(3)), counts.group(4).strip());
        } finally {
            Files.deleteIfExists(lua);
        }
    }
}
