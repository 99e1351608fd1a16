// fetch() as a page at 'http://page.test' runs it (a cross-origin request).
fetch('http://api.test/echo?q=a%20b', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'X-Token': 'it\'s',
  },
  body: '{"a": "x\\ny"}\n',
  credentials: 'same-origin',
})
  .then((response) => {
    console.log(response.status, response.statusText);
    for (const [name, value] of response.headers)
      console.log(`${name}: ${value}`);
    return response.text();
  })
  .then((text) => console.log(text))
  .catch((error) => console.error(error.name, error.message));
