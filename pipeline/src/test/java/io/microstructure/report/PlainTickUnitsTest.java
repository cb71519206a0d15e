package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.jfree.chart.axis.NumberTickUnit;
import org.junit.jupiter.api.Test;

class PlainTickUnitsTest {
  @Test
  void stepsOfOneTwoFiveLabelledWithTheDigitsTheyNeed() {
    PlainTickUnits units = new PlainTickUnits();
    NumberTickUnit small = (NumberTickUnit) units.getCeilingTickUnit(0.000013);
    assertThat(small.getSize()).isCloseTo(0.00002, within(1e-15));
    assertThat(small.valueToString(0.01192)).isEqualTo("0.01192");
    NumberTickUnit large = (NumberTickUnit) units.getCeilingTickUnit(3e8);
    assertThat(large.getSize()).isEqualTo(5e8);
    assertThat(large.valueToString(-5e8)).isEqualTo("-500,000,000");
    assertThat(units.getLargerTickUnit(large).getSize()).isEqualTo(1e9);
    assertThat(PlainTickUnits.next(2)).isEqualTo(2);
    assertThat(PlainTickUnits.next(2.0001)).isEqualTo(5);
    assertThat(((NumberTickUnit) units.getCeilingTickUnit(0.5)).valueToString(1)).isEqualTo("1.0");
  }
}
