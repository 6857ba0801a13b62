"""Rules in the workspace: business rule models (JDM, rulesets, DMN) checked and run with the
intheflow_rules engine, and code rules (validate before charge…) checked over the syntax index."""
