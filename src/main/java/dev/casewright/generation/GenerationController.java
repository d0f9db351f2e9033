package dev.casewright.generation;

import dev.casewright.tenancy.HostUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The generation endpoints the panel calls (architecture.md, flow 3): the one-shot generation as
 * JSON or as Server-Sent Events, and its two stateless steps, plan and expand. Each holds one of
 * the tenant's generation slots while it runs.
 */
@RestController
class GenerationController {

    private static final Logger log = LoggerFactory.getLogger(GenerationController.class);
    /** Longer than any generation can take with its model timeouts; a stream never hangs forever. */
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(15);

    private final ScenarioPlanner planner;
    private final ScenarioGenerator generator;
    private final GenerationSlots slots;
    private final GenerationProblemAdvice problems;
    private final AsyncTaskExecutor executor;
    private final GenerationRuns runs;

    GenerationController(
            ScenarioPlanner planner,
            ScenarioGenerator generator,
            GenerationSlots slots,
            GenerationProblemAdvice problems,
            GenerationRuns runs,
            @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
        this.runs = runs;
        this.planner = planner;
        this.generator = generator;
        this.slots = slots;
        this.problems = problems;
        this.executor = executor;
    }

    @PostMapping(
            path = "/api/issues/{issueKey}/generations",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    GenerationResult generate(
            @AuthenticationPrincipal HostUser caller,
            @PathVariable String issueKey,
            @RequestBody(required = false) @Nullable GenerationRequest request) {
        check(caller, issueKey);
        try (var slot = slots.acquire(caller.tenant())) {
            return generator.generate(caller, issueKey, orEmpty(request), GenerationProgress.NONE);
        }
    }

    /**
     * The same generation as a stream: {@code context}, {@code progress}, {@code scenario} and
     * {@code coverage} events as they happen, then {@code done} with the whole result, or
     * {@code error} with a problem. Refusals that need no work (bad key, no user, no free slot)
     * are still plain HTTP problems.
     */
    @PostMapping(path = "/api/issues/{issueKey}/generations", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @AuthenticationPrincipal HostUser caller,
            @PathVariable String issueKey,
            @RequestBody(required = false) @Nullable GenerationRequest request,
            HttpServletResponse response) {
        check(caller, issueKey);
        GenerationRequest asked = orEmpty(request);
        runs.check(asked);
        // Reverse proxies such as nginx buffer responses by default, which would hold the events back.
        response.setHeader("X-Accel-Buffering", "no");
        GenerationSlots.Slot slot = slots.acquire(caller.tenant());
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        AtomicBoolean gone = new AtomicBoolean();
        emitter.onTimeout(() -> gone.set(true));
        emitter.onError(error -> gone.set(true));
        Map<String, String> diagnostics = MDC.getCopyOfContextMap();
        try {
            executor.execute(() -> {
                if (diagnostics != null) {
                    MDC.setContextMap(diagnostics);
                }
                var events = new StreamedProgress(emitter, gone);
                try {
                    GenerationResult result = generator.generate(caller, issueKey, asked, events);
                    events.send("done", result);
                    emitter.complete();
                } catch (GenerationProgress.Abandoned abandoned) {
                    log.info("A streamed generation stopped: the caller left");
                    emitter.complete();
                } catch (RuntimeException failure) {
                    ProblemDetail problem = problems.describe(failure);
                    try {
                        events.send("error", problem);
                    } catch (GenerationProgress.Abandoned ignored) {
                        // Nobody is listening for the error either.
                    }
                    emitter.complete();
                } finally {
                    slot.close();
                    MDC.clear();
                }
            });
        } catch (RuntimeException rejected) {
            slot.close();
            throw rejected;
        }
        return emitter;
    }

    @PostMapping("/api/issues/{issueKey}/generations/plan")
    GenerationPlan plan(
            @AuthenticationPrincipal HostUser caller,
            @PathVariable String issueKey,
            @RequestBody(required = false) @Nullable GenerationRequest request) {
        check(caller, issueKey);
        try (var slot = slots.acquire(caller.tenant())) {
            return planner.plan(caller, issueKey, orEmpty(request));
        }
    }

    @PostMapping("/api/issues/{issueKey}/generations/expand")
    ScenarioGenerator.Expansion expand(
            @AuthenticationPrincipal HostUser caller,
            @PathVariable String issueKey,
            @RequestBody(required = false) @Nullable ExpandRequest request) {
        check(caller, issueKey);
        if (request == null) {
            throw new GenerationRequest.InvalidGenerationRequestException(
                    "the expand step needs the plan (the plan step's answer) in its body");
        }
        try (var slot = slots.acquire(caller.tenant())) {
            return generator.expand(caller, issueKey, request);
        }
    }

    private static void check(HostUser caller, String issueKey) {
        InvalidIssueKeyException.check(issueKey);
        if (!caller.hasUser()) {
            // Reading as the user is the point: without one, Jira's permissions would not apply.
            throw new UserRequiredException();
        }
    }

    private static GenerationRequest orEmpty(@Nullable GenerationRequest request) {
        return request == null ? GenerationRequest.empty() : request;
    }

    /** Sends a generation's progress as SSE events; stops the generation once the browser is gone. */
    private static final class StreamedProgress implements GenerationProgress {

        private final SseEmitter emitter;
        private final AtomicBoolean gone;

        StreamedProgress(SseEmitter emitter, AtomicBoolean gone) {
            this.emitter = emitter;
            this.gone = gone;
        }

        @Override
        public void context(IssueContext context) {
            send(
                    "context",
                    Map.of(
                            "issueKey", context.issueKey(),
                            "acceptanceCriteria", context.acceptanceCriteria(),
                            "manifest", context.manifest()));
        }

        @Override
        public void progress(String step, int done, int total) {
            send("progress", Map.of("step", step, "done", done, "total", total));
        }

        @Override
        public void scenario(GeneratedScenario scenario) {
            send("scenario", scenario);
        }

        @Override
        public void coverage(Coverage coverage) {
            send("coverage", coverage);
        }

        void send(String name, Object data) {
            if (gone.get()) {
                throw new Abandoned(new IOException("the stream was closed"));
            }
            try {
                emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                gone.set(true);
                throw new Abandoned(e);
            }
        }
    }
}
