package dev.ainews.enrich.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimHashTest {

  private static final String WIRE = "DeepSeek's cheap open-weight model sends AI chip stocks tumbling";
  private static final String SUMMARY = "Nvidia shares fell as much as 17% on Monday after Chinese startup DeepSeek said"
      + " its open-weight R1 model matches OpenAI's o1 at a fraction of the training cost.";

  @Test
  void shouldPutSyndicatedCopiesWithOutletSuffixesAndRewordedSummariesWithinNear() {
    long original = SimHash.of(WIRE, SUMMARY);
    for (String copy : List.of(WIRE + " - TechWire", WIRE + " | TechWire", WIRE + " (TechWire)", WIRE + " — Reuters")) {
      assertEquals(0, SimHash.distance(original, SimHash.of(copy, SUMMARY)), copy);
    }
    long reworded = SimHash.of(WIRE, "(TechWire) Nvidia lost close to $600 billion in market value on Monday, its"
        + " biggest one-day loss.");
    assertTrue(SimHash.distance(original, reworded) <= SimHash.NEAR);
  }

  @Test
  void shouldKeepDifferentStoriesAboutTheSameCompanyApart() {
    long a = SimHash.of("DeepSeek releases open-weight R1 reasoning model, says it rivals OpenAI o1", null);
    long b = SimHash.of(WIRE, SUMMARY);
    long c = SimHash.of("OpenAI launches Operator agent that browses the web for users", null);
    assertTrue(SimHash.distance(a, b) > SimHash.NEAR, "distance " + SimHash.distance(a, b));
    assertTrue(SimHash.distance(a, c) > SimHash.NEAR, "distance " + SimHash.distance(a, c));
  }

  @Test
  void shouldMatchChineseCopiesByCharacterBigrams() {
    long a = SimHash.of("深度求索开源R1推理模型，训练成本引发英伟达股价大跌", null);
    long b = SimHash.of("深度求索开源R1推理模型，训练成本引发英伟达股价大跌（新华社）", null);
    assertEquals(0, SimHash.distance(a, b));
  }
}
