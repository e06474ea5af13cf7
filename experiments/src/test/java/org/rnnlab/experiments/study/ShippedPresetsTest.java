package org.rnnlab.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.registry.Registries;

/**
 * Every preset rnnlab ships loads at both of its scales, and every one of its runs resolves against
 * the standard plugins (Study.load checks each run's experiment before returning), and each names the
 * source it reproduces.
 */
class ShippedPresetsTest {

    @ParameterizedTest
    @CsvSource({"trainability-tour", "pascanu2013", "le2015", "li2018", "chrono2018", "sequential-mnist"})
    void loadsAtQuickAndPaperScale(String name) {
        assertThat(StudyPresets.names()).contains(name);
        for (String scale : List.of("quick", "paper")) {
            Study study = StudyPresets.load(name, scale, List.of(), Registries.standard());
            assertThat(study.plan().runs()).as("%s at %s", name, scale).isNotEmpty();
            Map<?, ?> source = (Map<?, ?>) study.plan().spec().get("source");
            assertThat(source).as("%s's source", name).isNotNull();
            assertThat((String) source.get("citation")).isNotBlank();
            assertThat((String) source.get("published")).isNotBlank();
        }
    }

    @org.junit.jupiter.api.Test
    void theDemoComparesTwentyOneConfigurationsAtTwoLengthsOnThreeSeeds() {
        Study study = StudyPresets.load("trainability-tour", "quick", List.of(), Registries.standard());
        assertThat(study.plan().runs()).hasSize(126);
    }
}
