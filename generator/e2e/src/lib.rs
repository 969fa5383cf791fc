//! Scenario tests of the generated IoT Hub client; everything lives in `tests/`, which share
//! the test server in `generator/templates/test_server.rs` with the generated example tests.
