"""openstacksdk against Ember: the snapshot calls a cloud user makes, checked step by step.

Usage: snapshot_walkthrough.py <endpoint with project> <token>. Prints one JSON object with what it saw.
"""
import json
import os
import sys
import tempfile

import openstack

endpoint, token = sys.argv[1], sys.argv[2]
config = f"""
clouds:
  ember:
    auth_type: admin_token
    auth: {{token: "{token}", endpoint: "{endpoint}"}}
    block_storage_endpoint_override: "{endpoint}"
    block_storage_api_version: '3'
"""
with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
    f.write(config)
os.environ["OS_CLIENT_CONFIG_FILE"] = f.name

conn = openstack.connect(cloud="ember")
bs = conn.block_storage
seen = {}

volume = bs.create_volume(size=1, name="sdk-vol")
volume = bs.wait_for_status(volume, status="available", wait=60, interval=0.2)
seen["volume_status"] = volume.status

snap = bs.create_snapshot(volume_id=volume.id, name="sdk-snap", description="from the sdk", metadata={"k": "v"}, force=True)
seen["created_status"] = snap.status
snap = bs.wait_for_status(snap, status="available", wait=60, interval=0.2)
seen["available_status"] = snap.status

seen["found_by_name"] = bs.find_snapshot("sdk-snap").id == snap.id
seen["in_summary_list"] = any(s.id == snap.id for s in bs.snapshots(details=False))
seen["in_detail_list"] = any(s.id == snap.id for s in bs.snapshots(details=True))

bs.update_snapshot(snap, name="sdk-renamed", description="renamed")
seen["renamed"] = bs.get_snapshot(snap.id).name

bs.set_snapshot_metadata(snap.id, k2="v2")
seen["metadata_after_set"] = bs.get_snapshot(snap.id).metadata
bs.delete_snapshot_metadata(snap.id, keys=["k"])
seen["metadata_after_delete"] = bs.get_snapshot(snap.id).metadata

bs.delete_snapshot(snap)
bs.wait_for_delete(snap, interval=0.2, wait=60)
seen["deleted"] = bs.find_snapshot(snap.id) is None

print(json.dumps(seen))
