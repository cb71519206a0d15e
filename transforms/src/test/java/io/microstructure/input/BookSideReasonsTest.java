package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract's book order: bids strictly descending, asks strictly ascending, best first. */
class BookSideReasonsTest {
  @Test
  void orderedSidesPass() {
    assertThat(BookSideReasons.order("bids", new double[] {100.0, 99.5, 99.0}, 3)).isNull();
    assertThat(BookSideReasons.order("asks", new double[] {100.5, 101.0, 101.5}, 3)).isNull();
  }

  @Test
  void emptyAndOneLevelSidesAreOrdered() {
    assertThat(BookSideReasons.order("bids", new double[0], 0)).isNull();
    assertThat(BookSideReasons.order("asks", new double[] {7.0}, 1)).isNull();
  }

  @Test
  void reversedBidsNameTheFirstPairOutOfOrder() {
    assertThat(BookSideReasons.order("bids", new double[] {99.0, 99.5, 100.0}, 3))
        .isEqualTo("bids not strictly descending: level 2 price 99.5 >= level 1 price 99.0");
  }

  @Test
  void anAskBelowTheOneBeforeIsUnordered() {
    assertThat(BookSideReasons.order("asks", new double[] {100.5, 101.0, 100.75}, 3))
        .isEqualTo("asks not strictly ascending: level 3 price 100.75 <= level 2 price 101.0");
  }

  @Test
  void aRepeatedPriceLevelIsUnorderedOnEitherSide() {
    assertThat(BookSideReasons.order("bids", new double[] {100.0, 100.0}, 2))
        .isEqualTo("bids not strictly descending: level 2 price 100.0 >= level 1 price 100.0");
    assertThat(BookSideReasons.order("asks", new double[] {101.0, 101.5, 101.5}, 3))
        .isEqualTo("asks not strictly ascending: level 3 price 101.5 <= level 2 price 101.5");
  }

  @Test
  void onlyTheFirstNPricesCount() {
    // The columnar reader's arrays are reused: what lies past n belongs to an earlier row.
    assertThat(BookSideReasons.order("bids", new double[] {100.0, 99.0, 500.0}, 2)).isNull();
  }

  @Test
  void pricesOneUlpApartAreOrdered() {
    double p = 100.0;
    assertThat(BookSideReasons.order("asks", new double[] {p, Math.nextUp(p)}, 2)).isNull();
    assertThat(BookSideReasons.order("bids", new double[] {p, Math.nextDown(p)}, 2)).isNull();
  }

  @Test
  void levelReasonsNameTheLevelAndWhatIsWrongPriceFirst() {
    assertThat(BookSideReasons.nullLevel(3)).isEqualTo("level 3: level is null");
    assertThat(BookSideReasons.shortLevel(2, 1))
        .isEqualTo("level 2: expected [price, amount], got 1 values");
    assertThat(BookSideReasons.badValues(1, 100.5, 0.0)).isNull();
    assertThat(BookSideReasons.badValues(4, -1.0, Double.NaN))
        .isEqualTo("level 4: price -1.0 is not finite and > 0");
    assertThat(BookSideReasons.badValues(4, Double.NaN, 1.0))
        .isEqualTo("level 4: price is null or NaN");
    assertThat(BookSideReasons.badValues(5, 100.5, Double.POSITIVE_INFINITY))
        .isEqualTo("level 5: amount Infinity is not finite and >= 0");
  }
}
