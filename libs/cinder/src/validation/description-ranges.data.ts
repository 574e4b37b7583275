/**
 * The characters Cinder's `description` pattern accepts, as sorted hex ranges (`lo-hi` or a single code
 * point): every BMP code point U+0000–U+FFFE whose category is neither C* nor Z* other than Zs.
 *
 * Data, not code: enumerated from the reference deployment (Cinder 21 on Python 3.11, Unicode 14.0),
 * whose pattern string is rebuilt from these ranges byte for byte. Embedding it keeps accepted characters
 * and the error message identical to Cinder's whatever Unicode version Node's ICU ships (newer ones
 * assign a few more BMP characters, which Cinder rejects).
 */
export const DESCRIPTION_RANGES =
  '0020-007e 00a0-00ac 00ae-0377 037a-037f 0384-038a 038c 038e-03a1 03a3-052f 0531-0556 0559-058a ' +
  '058d-058f 0591-05c7 05d0-05ea 05ef-05f4 0606-061b 061d-06dc 06de-070d 0710-074a 074d-07b1 07c0-07fa ' +
  '07fd-082d 0830-083e 0840-085b 085e 0860-086a 0870-088e 0898-08e1 08e3-0983 0985-098c 098f-0990 ' +
  '0993-09a8 09aa-09b0 09b2 09b6-09b9 09bc-09c4 09c7-09c8 09cb-09ce 09d7 09dc-09dd 09df-09e3 09e6-09fe ' +
  '0a01-0a03 0a05-0a0a 0a0f-0a10 0a13-0a28 0a2a-0a30 0a32-0a33 0a35-0a36 0a38-0a39 0a3c 0a3e-0a42 ' +
  '0a47-0a48 0a4b-0a4d 0a51 0a59-0a5c 0a5e 0a66-0a76 0a81-0a83 0a85-0a8d 0a8f-0a91 0a93-0aa8 0aaa-0ab0 ' +
  '0ab2-0ab3 0ab5-0ab9 0abc-0ac5 0ac7-0ac9 0acb-0acd 0ad0 0ae0-0ae3 0ae6-0af1 0af9-0aff 0b01-0b03 ' +
  '0b05-0b0c 0b0f-0b10 0b13-0b28 0b2a-0b30 0b32-0b33 0b35-0b39 0b3c-0b44 0b47-0b48 0b4b-0b4d 0b55-0b57 ' +
  '0b5c-0b5d 0b5f-0b63 0b66-0b77 0b82-0b83 0b85-0b8a 0b8e-0b90 0b92-0b95 0b99-0b9a 0b9c 0b9e-0b9f ' +
  '0ba3-0ba4 0ba8-0baa 0bae-0bb9 0bbe-0bc2 0bc6-0bc8 0bca-0bcd 0bd0 0bd7 0be6-0bfa 0c00-0c0c 0c0e-0c10 ' +
  '0c12-0c28 0c2a-0c39 0c3c-0c44 0c46-0c48 0c4a-0c4d 0c55-0c56 0c58-0c5a 0c5d 0c60-0c63 0c66-0c6f ' +
  '0c77-0c8c 0c8e-0c90 0c92-0ca8 0caa-0cb3 0cb5-0cb9 0cbc-0cc4 0cc6-0cc8 0cca-0ccd 0cd5-0cd6 0cdd-0cde ' +
  '0ce0-0ce3 0ce6-0cef 0cf1-0cf2 0d00-0d0c 0d0e-0d10 0d12-0d44 0d46-0d48 0d4a-0d4f 0d54-0d63 0d66-0d7f ' +
  '0d81-0d83 0d85-0d96 0d9a-0db1 0db3-0dbb 0dbd 0dc0-0dc6 0dca 0dcf-0dd4 0dd6 0dd8-0ddf 0de6-0def ' +
  '0df2-0df4 0e01-0e3a 0e3f-0e5b 0e81-0e82 0e84 0e86-0e8a 0e8c-0ea3 0ea5 0ea7-0ebd 0ec0-0ec4 0ec6 ' +
  '0ec8-0ecd 0ed0-0ed9 0edc-0edf 0f00-0f47 0f49-0f6c 0f71-0f97 0f99-0fbc 0fbe-0fcc 0fce-0fda 1000-10c5 ' +
  '10c7 10cd 10d0-1248 124a-124d 1250-1256 1258 125a-125d 1260-1288 128a-128d 1290-12b0 12b2-12b5 ' +
  '12b8-12be 12c0 12c2-12c5 12c8-12d6 12d8-1310 1312-1315 1318-135a 135d-137c 1380-1399 13a0-13f5 ' +
  '13f8-13fd 1400-169c 16a0-16f8 1700-1715 171f-1736 1740-1753 1760-176c 176e-1770 1772-1773 1780-17dd ' +
  '17e0-17e9 17f0-17f9 1800-180d 180f-1819 1820-1878 1880-18aa 18b0-18f5 1900-191e 1920-192b 1930-193b ' +
  '1940 1944-196d 1970-1974 1980-19ab 19b0-19c9 19d0-19da 19de-1a1b 1a1e-1a5e 1a60-1a7c 1a7f-1a89 ' +
  '1a90-1a99 1aa0-1aad 1ab0-1ace 1b00-1b4c 1b50-1b7e 1b80-1bf3 1bfc-1c37 1c3b-1c49 1c4d-1c88 1c90-1cba ' +
  '1cbd-1cc7 1cd0-1cfa 1d00-1f15 1f18-1f1d 1f20-1f45 1f48-1f4d 1f50-1f57 1f59 1f5b 1f5d 1f5f-1f7d ' +
  '1f80-1fb4 1fb6-1fc4 1fc6-1fd3 1fd6-1fdb 1fdd-1fef 1ff2-1ff4 1ff6-1ffe 2000-200a 2010-2027 202f-205f ' +
  '2070-2071 2074-208e 2090-209c 20a0-20c0 20d0-20f0 2100-218b 2190-2426 2440-244a 2460-2b73 2b76-2b95 ' +
  '2b97-2cf3 2cf9-2d25 2d27 2d2d 2d30-2d67 2d6f-2d70 2d7f-2d96 2da0-2da6 2da8-2dae 2db0-2db6 2db8-2dbe ' +
  '2dc0-2dc6 2dc8-2dce 2dd0-2dd6 2dd8-2dde 2de0-2e5d 2e80-2e99 2e9b-2ef3 2f00-2fd5 2ff0-2ffb 3000-303f ' +
  '3041-3096 3099-30ff 3105-312f 3131-318e 3190-31e3 31f0-321e 3220-a48c a490-a4c6 a4d0-a62b a640-a6f7 ' +
  'a700-a7ca a7d0-a7d1 a7d3 a7d5-a7d9 a7f2-a82c a830-a839 a840-a877 a880-a8c5 a8ce-a8d9 a8e0-a953 ' +
  'a95f-a97c a980-a9cd a9cf-a9d9 a9de-a9fe aa00-aa36 aa40-aa4d aa50-aa59 aa5c-aac2 aadb-aaf6 ab01-ab06 ' +
  'ab09-ab0e ab11-ab16 ab20-ab26 ab28-ab2e ab30-ab6b ab70-abed abf0-abf9 ac00-d7a3 d7b0-d7c6 d7cb-d7fb ' +
  'f900-fa6d fa70-fad9 fb00-fb06 fb13-fb17 fb1d-fb36 fb38-fb3c fb3e fb40-fb41 fb43-fb44 fb46-fbc2 ' +
  'fbd3-fd8f fd92-fdc7 fdcf fdf0-fe19 fe20-fe52 fe54-fe66 fe68-fe6b fe70-fe74 fe76-fefc ff01-ffbe ' +
  'ffc2-ffc7 ffca-ffcf ffd2-ffd7 ffda-ffdc ffe0-ffe6 ffe8-ffee fffc-fffd';
