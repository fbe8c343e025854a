/**
 * Student and Mentor agents played by LLM command-line tools ({@code llmProvider} {@code claude},
 * {@code codex}, {@code gemini}), run as non-interactive subprocesses. Create them with {@link
 * dev.smileloop.llm.control.LlmAgents#create(dev.smileloop.config.entity.SmileConfig,
 * java.nio.file.Path, java.time.Clock)}.
 *
 * <h2>Not sandboxed</h2>
 *
 * The tools run on the host with the server's environment (they need their credentials: API keys in
 * variables, logins under {@code HOME}) and the server's rights. The Student's tool is allowed to
 * run commands and edit files without asking, in its working directory, which is a fresh folder
 * {@code <workRoot>/<loopId>/iteration-<n>/work}; but nothing stops it from acting elsewhere. The
 * prompt names the tutorial's folder as read-only; that is a request to the model, not an enforced
 * restriction. Use {@code "llmProvider": "builtin"}, {@code openai} or {@code anthropic} for
 * sandboxed runs. Because SMILE does not see what the tool does, {@link ClaimCheck} checks its
 * claimed files against the workspace and marks what it cannot confirm (missing files, the commands
 * of a completed run) as {@code unverified_claim} notices: such a run is never "no gaps". Every
 * tool gets {@code SMILE_LLM_ROLE} ({@code student} or {@code mentor}) in its environment.
 *
 * <h2>Command lines</h2>
 *
 * The prompt is always written to the tool's standard input (never an argument, so no length limit
 * applies); standard output is the answer. Built-in command lines:
 *
 * <table>
 *   <caption>Built-in command lines per provider and role</caption>
 *   <tr><th>provider</th><th>Student</th><th>Mentor</th></tr>
 *   <tr><td>claude</td><td>{@code claude -p --output-format text --dangerously-skip-permissions}</td>
 *       <td>{@code claude -p --output-format text}</td></tr>
 *   <tr><td>codex</td><td>{@code codex exec --skip-git-repo-check --sandbox workspace-write -}</td>
 *       <td>{@code codex exec --skip-git-repo-check -}</td></tr>
 *   <tr><td>gemini</td><td>{@code gemini -p "" -y}</td><td>{@code gemini -p ""}</td></tr>
 * </table>
 *
 * Only the Student's line lets the tool act without asking; the Mentor's keeps the tool's default,
 * which refuses commands and edits when nobody can approve them. Codex's {@code workspace-write}
 * sandbox (what {@code --full-auto} selects) blocks network access by default.
 *
 * <p>Overrides, for other tool versions or options (a model, a budget, network for codex), are Java
 * system properties (or environment variables under their MicroProfile Config names, {@code
 * SMILE_LLM_CLAUDE_STUDENT_COMMAND}) holding the complete command line, program first:
 *
 * <ol>
 *   <li>{@code smile.llm.<provider>.student.command} / {@code smile.llm.<provider>.mentor.command}:
 *       one role;
 *   <li>{@code smile.llm.<provider>.command}: both roles (then the Mentor gets the same permissions
 *       as the Student; a warning says so and the call records name it);
 *   <li>otherwise the built-in line.
 * </ol>
 *
 * {@code <provider>} is {@code claude}, {@code codex} or {@code gemini}; a blank value counts as
 * unset. The value is split into words at whitespace; single quotes keep text literally, double
 * quotes keep whitespace and honour {@code \"} and {@code \\}, a backslash outside quotes escapes
 * the next character, and {@code ""} is an empty word. There is no other shell syntax (no
 * variables, no globs, no pipes). The program is looked up on {@code PATH} unless it contains a
 * slash. The override must read the prompt from standard input (for codex: end with {@code -}).
 * Example: {@code -Dsmile.llm.claude.student.command="claude -p --model sonnet
 * --dangerously-skip-permissions"}. Options whose name suggests a secret ({@code --api-key}, {@code
 * --token=...}) are masked in the call records.
 *
 * <h2>Failures</h2>
 *
 * <ul>
 *   <li>Tool not found (checked when the agents are created and before every call): fatal, naming
 *       the tool and the {@code PATH} searched.
 *   <li>Still running after {@code studentBehavior.timeoutSeconds} (the Mentor: {@code
 *       model.mentorTimeoutSeconds}, else the same): its whole process tree is killed and the call
 *       is retried once; a second timeout is a step timeout.
 *   <li>The loop thread is interrupted (stop, global timeout): the process tree is killed and
 *       {@link java.lang.InterruptedException} thrown.
 *   <li>Non-zero exit, judged from standard error, then standard output: authentication (401,
 *       "unauthorized", "not logged in", "invalid API key", ...) is fatal with login advice;
 *       temporary trouble (429, "rate limit", "overloaded", "quota", 5xx, "service unavailable",
 *       ECONNRESET, ETIMEDOUT, "timed out", "fetch failed", ...) is transient, so the engine
 *       retries with backoff and ends as a blocker when retries run out; a rejected command line
 *       ("unknown option", "unrecognized argument", a usage text) is fatal and points at the
 *       override properties; anything else is transient the first time and fatal when the same role
 *       fails that way again on its next call (an unexplained failure that repeats is most likely a
 *       setup problem, which retries only delay).
 *   <li>Exit 0 with nothing on standard output counts as an unexplained failure; exit 0 with a
 *       short reply that is only an API error ({@code API Error: 529 ...}, {@code Invalid API key
 *       ...}) is judged like a non-zero exit.
 *   <li>A Student answer that cannot be recovered as JSON (see {@link
 *       dev.smileloop.agent.control.StudentOutputParser}; an echoed answer schema never counts) is
 *       re-asked once with the parse error; a second one is an agent fault, and the loop ends as
 *       {@code agent_error}: the model's fault, never a tutorial gap.
 * </ul>
 *
 * <h2>Audit</h2>
 *
 * Every call that started is recorded as a {@link dev.smileloop.llm.entity.LlmCall} in the agents'
 * {@link dev.smileloop.llm.control.LlmCallLog}: provider, role, iteration, masked command line,
 * start, duration, exit code, outcome, prompt and output lengths, the Student's JSON recovery
 * strategy, the raw output (its last 64 KB) and the end of standard error. The Student's prompt and
 * raw output are also in its workspace's {@code logs} folder while the workspace is kept.
 */
package dev.smileloop.llm.control;
