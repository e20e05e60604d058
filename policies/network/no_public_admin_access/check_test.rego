package tomcheck.checks.network.no_public_admin_access

test_default_ports if {
	ports == [22, 3389, 3306, 5432, 1433, 27017, 6379, 9200] with input as {"params": {}}
}

test_ports_from_params if {
	ports == [8443] with input as {"params": {"ports": [8443]}}
}
