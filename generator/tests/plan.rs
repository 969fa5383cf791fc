//! The example tests' plan of the vendored specs, checked as data.

use std::collections::BTreeMap;
use std::path::Path;

use generator::plan::{plan_tests, TestBody, SYNTHESIZED};

/// Every vendored spec, relative to the generator's folder (where tests run).
const SPECS: &[&str] = &[
    "../specs/specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/iothub.json",
    "../specs/specification/iothub/resource-manager/Microsoft.Devices/IoTHub/preview/2025-08-01-preview/iothub.json",
    "../specs/specification/deviceprovisioningservices/resource-manager/Microsoft.Devices/DeviceProvisioningServices/stable/2026-11-01/iotdps.json",
];

/// Every operation of the vendored specs is exercised by an example test: its example file's,
/// or one synthesized from its schemas that agrees with the spec (a disagreement there would
/// be the synthesizer's bug, so none may be reported).
#[test]
fn every_operation_of_the_vendored_specs_has_a_runnable_example_test() {
    for spec in SPECS {
        let api = generator::model(Path::new(spec)).unwrap();
        assert!(api.clients.refused.is_empty(), "{spec}: refused {:?}", api.clients.refused);
        let plan = plan_tests(&api).unwrap().expect("operations, so a plan");
        let mut runs: BTreeMap<&str, Vec<&str>> = api.operations.iter().map(|op| (op.id.as_str(), Vec::new())).collect();
        for test in &plan.tests {
            if let TestBody::Run(run) = &test.body {
                runs.get_mut(test.operation.as_str()).expect("a test of a spec operation").push(&run.example);
                if run.example == SYNTHESIZED {
                    assert!(run.disagreements.is_empty(), "{spec}: {} disagrees with the spec: {:?}", test.name, run.disagreements);
                }
            }
        }
        let untested: Vec<_> = runs.iter().filter(|(_, examples)| examples.is_empty()).map(|(op, _)| op).collect();
        assert!(untested.is_empty(), "{spec}: operations without a runnable test: {untested:?}");
        // An operation an example file covers is not synthesized as well.
        let both: Vec<_> = runs.iter().filter(|(_, e)| e.contains(&SYNTHESIZED) && e.len() > 1).map(|(op, _)| op).collect();
        assert!(both.is_empty(), "{spec}: {both:?}");
        let synthesized = runs.values().filter(|e| e.contains(&SYNTHESIZED)).count();
        assert!(synthesized > 0, "{spec}: nothing synthesized");
    }
}
