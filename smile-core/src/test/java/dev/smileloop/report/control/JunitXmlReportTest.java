package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.report.entity.Report;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JunitXmlReportTest {

  private final ReportRenderer renderer = new ReportRenderer();

  static Stream<Scenarios.Scenario> scenarios() {
    return Scenarios.all().stream();
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static int count(Element suite, String child) {
    int count = 0;
    NodeList cases = suite.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      if (((Element) cases.item(i)).getElementsByTagName(child).getLength() > 0) {
        count++;
      }
    }
    return count;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theCountsAgreeWithTheTestCasesWritten(Scenarios.Scenario scenario) throws Exception {
    Document document = parse(renderer.junitXml(scenario.report()));
    Element suites = document.getDocumentElement();
    assertEquals("testsuites", suites.getTagName());
    Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
    NodeList cases = suite.getElementsByTagName("testcase");
    for (Element element : List.of(suites, suite)) {
      assertEquals(cases.getLength(), Integer.parseInt(element.getAttribute("tests")));
      assertEquals(count(suite, "failure"), Integer.parseInt(element.getAttribute("failures")));
      assertEquals(count(suite, "error"), Integer.parseInt(element.getAttribute("errors")));
      assertEquals(count(suite, "skipped"), Integer.parseInt(element.getAttribute("skipped")));
    }
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < cases.getLength(); i++) {
      Element testcase = (Element) cases.item(i);
      total = total.add(new BigDecimal(testcase.getAttribute("time")));
      assertEquals(scenario.report().summary().tutorialName(), testcase.getAttribute("classname"));
      assertFalse(testcase.getAttribute("name").isBlank());
    }
    assertEquals(0, total.compareTo(new BigDecimal(suite.getAttribute("time"))));
  }

  @Test
  void aStepWithAGapFailsWithTheTutorialFileAndTheGapsLine() throws Exception {
    Report report = Scenarios.fixedInSecondIteration().report();
    Document document = parse(renderer.junitXml(report));
    Element failure = (Element) document.getElementsByTagName("failure").item(0);
    Element testcase = (Element) failure.getParentNode();
    assertEquals("Step 2: Inspect the folder", testcase.getAttribute("name"));
    assertEquals("word-count", testcase.getAttribute("classname"));
    assertEquals("17", testcase.getAttribute("line"));
    assertEquals("docs/word-count.md", failure.getAttribute("file"));
    assertEquals("20", failure.getAttribute("line"));
    assertEquals("missing_dependency", failure.getAttribute("type"));
    assertTrue(failure.getAttribute("message").startsWith("G1 (major, missing_dependency)"));
    assertTrue(
        failure.getTextContent().contains("Commands after which the step passed: find notes"));
    assertEquals(
        1,
        document.getElementsByTagName("failure").getLength(),
        "the minor gap does not fail its step");
    Element step3 =
        (Element) document.getElementsByTagName("testcase").item(3); // after Prerequisites
    assertTrue(
        step3.getElementsByTagName("system-out").item(0).getTextContent().contains("minor gap G2"));
  }

  @Test
  void aStoppedLoopSkipsTheStepsItNeverReached() throws Exception {
    Document document = parse(renderer.junitXml(Scenarios.stopped().report()));
    NodeList skipped = document.getElementsByTagName("skipped");
    assertEquals(3, skipped.getLength());
    assertEquals(
        "Step 3: Write the counter",
        ((Element) skipped.item(0).getParentNode()).getAttribute("name"));
    assertTrue(((Element) skipped.item(0)).getAttribute("message").contains("stopped"));
  }

  @Test
  void textThatIsNotXmlIsEscapedOrDropped() throws Exception {
    String nasty = "]]> <tag attr=\"x\"> & 'quote' \u0001\u0007\uFFFE bell 😀 日本";
    StudentOutput out =
        Scenarios.output(
            StudentStatus.CANNOT_COMPLETE,
            Scenarios.STEP2,
            null,
            null,
            nasty + "\nsecond line",
            null,
            new TutorialLocation(20, "", null),
            "command_failure",
            List.of(
                new CommandRecord("tree notes", 20, Scenarios.STEP2, 1, nasty, 3, false, false)),
            List.of(),
            List.of());
    LoopState state =
        new LoopState(
            "x",
            LoopStatus.BLOCKER,
            1,
            10,
            "t.md",
            List.of(),
            List.of(new IterationRecord(1, out, null, Scenarios.at(1), Scenarios.at(2))),
            Scenarios.T0,
            Scenarios.at(3),
            nasty,
            null);
    String xml =
        renderer.junitXml(
            Scenarios.builder()
                .build(state, Scenarios.wordCount(), Scenarios.config(), Scenarios.CLOCK));
    Validators.assertValidJunit(xml);
    Document document = parse(xml);
    Element failure = (Element) document.getElementsByTagName("failure").item(0);
    assertTrue(
        failure
            .getTextContent()
            .contains("]]> <tag attr=\"x\"> & 'quote'  bell 😀 日本\nsecond line"));
    assertFalse(failure.getAttribute("message").contains("\n"));
    Element reason = (Element) document.getElementsByTagName("property").item(6);
    assertEquals("smile.reason", reason.getAttribute("name"));
    assertEquals("]]> <tag attr=\"x\"> & 'quote'  bell 😀 日本", reason.getAttribute("value"));
  }
}
