package dev.smileloop.model.control;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.MentorAgent;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.llm.control.CliMentor;
import dev.smileloop.llm.control.PromptBudget;
import dev.smileloop.llm.control.Prompts;
import dev.smileloop.llm.entity.LlmCall.Outcome;
import java.util.List;

/**
 * The Mentor played by a model API: a plain completion (no tools) of the Mentor prompt, with the
 * tutorial, the Student's report and the earlier notes (older ones shortened to fit the context).
 * An empty answer is re-asked once, then is an agent error. A reply starting with {@code
 * UNRESOLVABLE:} ends the loop as a blocker, as for the command-line Mentor.
 */
public final class ModelMentor implements MentorAgent {

  private final ModelCaller caller;
  private final PromptBudget budget;

  ModelMentor(ModelCaller caller, PromptBudget budget) {
    this.caller = caller;
    this.budget = budget;
  }

  @Override
  public MentorAnswer advise(MentorTask task) throws AgentException, InterruptedException {
    List<MentorNote> notes =
        budget.fitNotes(task.mentorNotes(), kept -> Prompts.mentor(withNotes(task, kept)));
    String prompt = Prompts.mentor(withNotes(task, notes));
    budget.check(prompt);
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from(prompt)).build();
    for (int ask = 1; ; ask++) {
      ModelCaller.Answer answer = caller.call(task.loopId(), task.iteration(), request);
      String text = answer.message().text();
      if (text != null && !text.isBlank()) {
        caller.record(
            task.loopId(),
            task.iteration(),
            answer,
            ask == 1 ? Outcome.OK : Outcome.REPAIRED,
            null,
            null);
        return CliMentor.answer(text);
      }
      caller.record(
          task.loopId(), task.iteration(), answer, Outcome.UNPARSEABLE, null, "empty answer");
      if (ask == 2) {
        throw AgentException.agentFault("the Mentor's model answered with no text, twice");
      }
    }
  }

  private static MentorTask withNotes(MentorTask task, List<MentorNote> notes) {
    return new MentorTask(
        task.loopId(),
        task.iteration(),
        task.tutorial(),
        task.config(),
        task.studentOutput(),
        notes);
  }
}
